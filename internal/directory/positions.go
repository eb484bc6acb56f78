package directory

import (
	"fmt"
	"io/fs"

	"github.com/google/uuid"
	"gopkg.in/yaml.v3"
)

// LoadPositions reads positions.yaml and checks that identifiers and codes are unique and names present.
func LoadPositions(fsys fs.FS) ([]Position, error) {
	b, err := fs.ReadFile(fsys, "positions.yaml")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Positions []Position `yaml:"positions"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("positions.yaml: %w", err)
	}
	ids, codes := map[uuid.UUID]bool{}, map[string]bool{}
	for i := range doc.Positions {
		p := &doc.Positions[i]
		p.Sort = i
		switch {
		case p.ID == uuid.Nil || p.Code == "" || p.NameCS == "" || p.NameEN == "":
			return nil, fmt.Errorf("positions.yaml: entry %d needs id, code, name_cs and name_en", i+1)
		case ids[p.ID] || codes[p.Code]:
			return nil, fmt.Errorf("positions.yaml: %s is not unique", p.Code)
		}
		ids[p.ID], codes[p.Code] = true, true
	}
	return doc.Positions, nil
}
