// Package yamlfile is what vtyd's YAML files (the fleet file, the gateway's users file) share:
// errors that name file and line, one document decoded as yaml.v3 nodes with yaml.v3's syntax-error
// lines put right, and the reading of mappings with known keys. Each file's reader keeps its own
// wording and its own rules (merge keys, lists); this package only holds what they do the same way.
package yamlfile
