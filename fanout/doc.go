// Package fanout runs one batch of CLI lines on many devices and reads the results back.
//
// Run is the engine the fleet console's "ask many" and "change many" and the gateway's exec on a
// tag share: the devices run in parallel up to a bound, staged as a canary wave and then waves of a
// chosen size, and a failure stops the devices not started yet unless the plan says to go on. A
// device that fails to connect, disconnects or times out is a result with its reason, never a
// missing row. Group and Diff read the results: identical outputs as one group ("12 devices: same
// output"), and what differs from the largest group, line by line.
//
// The package knows nothing of devices, SSH or the console: a Target is a name and a function that
// runs the batch and writes what the device printed.
package fanout
