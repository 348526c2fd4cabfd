package bad

import (
	"fmt"

	"vtyd/tui"
)

var _ = fmt.Sprint(tui.X)
