package sub

import "charm.land/bubbletea/v2"

var _ = tea.Quit
