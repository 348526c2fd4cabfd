package netconf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A small element tree: requests are small and their shapes vary (subtree filters, Comware's
// tables), so a generic tree read with encoding/xml's namespace resolution beats structs.

// Limits of a request's tree, beyond the message size: a deep or wide document costs memory and
// time out of proportion to its bytes.
const (
	maxDepth    = 64
	maxElements = 100000
)

// errMalformed is a message that is not one well-formed XML element.
var errMalformed = errors.New("netconf: malformed XML")

// node is one element: its resolved name, attributes, children and the text directly inside it.
type node struct {
	name  xml.Name
	attrs []xml.Attr
	kids  []*node
	text  string
}

// parseTree reads one XML document's root element; anything but whitespace, comments and
// processing instructions after it is an error.
func parseTree(b []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	var stack []*node
	var root *node
	count := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if root == nil || len(stack) > 0 {
				return nil, fmt.Errorf("%w: the document ends before its root element closes", errMalformed)
			}
			return root, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errMalformed, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, fmt.Errorf("%w: a second root element <%s>", errMalformed, t.Name.Local)
			}
			if count++; count > maxElements || len(stack) >= maxDepth {
				return nil, fmt.Errorf("%w: more than %d elements or deeper than %d", errMalformed, maxElements, maxDepth)
			}
			n := &node{name: t.Name, attrs: t.Copy().Attr}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			} else if strings.TrimSpace(string(t)) != "" {
				return nil, fmt.Errorf("%w: text outside the root element", errMalformed)
			}
		}
	}
}

// kid is the first child with this local name, nil for none.
func (n *node) kid(local string) *node {
	for _, k := range n.kids {
		if k.name.Local == local {
			return k
		}
	}
	return nil
}

// attr is the value of the attribute with this local name in namespace space ("" for unprefixed).
func (n *node) attr(space, local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

// attrLocal is the value of the first attribute with this local name in any namespace (nc:operation,
// xc:count: clients bind the prefixes to the base namespace of their brand, or to NETCONF's).
func (n *node) attrLocal(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space != "xmlns" {
			return a.Value, true
		}
	}
	return "", false
}

// value is the element's text without surrounding white space.
func (n *node) value() string { return strings.TrimSpace(n.text) }

// leaf reports whether the element has no child elements.
func (n *node) leaf() bool { return len(n.kids) == 0 }
