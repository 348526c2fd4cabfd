package switchctl

import (
	"fmt"
	"sort"
)

// Model is a hardware model the simulated device can be: its product name and front-panel ports.
type Model struct {
	ID         string // the --model value
	Product    string // one token, as `display version` prints it after the vendor
	DeviceName string // `display device manuinfo` DEVICE_NAME
	Slots      int    // member or card slots, numbered from 1
	GE, XGE    int    // ports per slot: GE first, then XGE
	MGE        bool   // has a management Ethernet port (M-GigabitEthernet0/0/0); a 5130 EI has a console port only
	PoE        bool   // its copper (GE) ports can power devices (`poe enable`)
	PowerW     int    // the PoE budget of its power supply, W
	// Name is the model as `display version` names it before "uptime is" and as SNMP's sysDescr
	// does (HPE 5130 24G 4SFP+ EI Switch).
	Name string
	// Images is the prefix of its boot and system image names (5130ei-cmw710-boot-r3506p06.bin).
	Images string
}

// Models lists the models vtyd can simulate; DefaultModel is the first.
var models = []Model{
	{ID: "5130-28", Product: "5130-24G-4SFP+-EI", DeviceName: "HPE 5130 24G 4SFP+ EI Switch JG932A", Slots: 1, GE: 24, XGE: 4,
		Name: "5130 24G 4SFP+ EI Switch", Images: "5130ei"},
	{ID: "5130-28-poe", Product: "5130-24G-PoE+-4SFP+-370W-EI", DeviceName: "HPE 5130 24G PoE+ 4SFP+ (370W) EI Switch JG936A", Slots: 1, GE: 24, XGE: 4,
		PoE: true, PowerW: 370, Name: "5130 24G PoE+ 4SFP+ (370W) EI Switch", Images: "5130ei"},
	{ID: "5130-52", Product: "5130-48G-4SFP+-EI", DeviceName: "HPE 5130 48G 4SFP+ EI Switch JG934A", Slots: 1, GE: 48, XGE: 4,
		Name: "5130 48G 4SFP+ EI Switch", Images: "5130ei"},
	{ID: "10508", Product: "FlexNetwork-10508", DeviceName: "HPE FlexNetwork 10508 Switch Chassis JC612A", Slots: 8, GE: 48, XGE: 4, MGE: true,
		Name: "FlexNetwork 10508 Switch Chassis", Images: "10500"},
}

// DefaultModel is the model a device has when none is asked for.
const DefaultModel = "5130-28"

// Models returns the IDs of the models vtyd can simulate.
func Models() []string {
	ids := make([]string, len(models))
	for i, m := range models {
		ids[i] = m.ID
	}
	sort.Strings(ids)
	return ids
}

// LookupModel finds a model by ID.
func LookupModel(id string) (Model, error) {
	for _, m := range models {
		if m.ID == id {
			return m, nil
		}
	}
	return Model{}, fmt.Errorf("switchctl: unknown model %q (known: %v)", id, Models())
}

// Ports lists the model's front-panel ports in panel order.
func (m Model) Ports() []IfName {
	var ps []IfName
	for s := 1; s <= m.Slots; s++ {
		for p := 1; p <= m.GE+m.XGE; p++ {
			t := IfGE
			if p > m.GE {
				t = IfXGE
			}
			ps = append(ps, IfName{Type: t, Num: [3]int{s, 0, p}})
		}
	}
	return ps
}
