package framework

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/google/uuid"
	"gopkg.in/yaml.v3"

	"github.com/rozvoj/rozvoj/internal/database"
)

// ModelFile is a competency model as shipped in competencies/<name>-<version>.yaml.
type ModelFile struct {
	Framework struct {
		ID            string `yaml:"id"`
		Previous      string `yaml:"previous"` // the version this one replaces; competencies keep their ids
		Version       string `yaml:"version"`
		Status        string `yaml:"status"`
		PublishedOn   string `yaml:"published_on"`
		TitleCS       string `yaml:"title_cs"`
		TitleEN       string `yaml:"title_en"`
		DescriptionCS string `yaml:"description_cs"`
		DescriptionEN string `yaml:"description_en"`
		Publisher     string `yaml:"publisher"`
		Language      string `yaml:"language"`
	} `yaml:"framework"`
	Domains []struct {
		ID            string           `yaml:"id"`
		Code          string           `yaml:"code"`
		NameCS        string           `yaml:"name_cs"`
		NameEN        string           `yaml:"name_en"`
		DescriptionCS string           `yaml:"description_cs"`
		DescriptionEN string           `yaml:"description_en"`
		Competencies  []CompetencyFile `yaml:"competencies"`
	} `yaml:"domains"`
}

// CompetencyFile is one competency in a model file.
type CompetencyFile struct {
	ID            string `yaml:"id"`
	Code          string `yaml:"code"`
	NameCS        string `yaml:"name_cs"`
	NameEN        string `yaml:"name_en"`
	DescriptionCS string `yaml:"description_cs"`
	DescriptionEN string `yaml:"description_en"`
	Indicators    map[int]struct {
		CS []string `yaml:"cs"`
		EN []string `yaml:"en"`
	} `yaml:"indicators"`
	ESCO []struct {
		Relation string `yaml:"relation"`
		URI      string `yaml:"uri"`
		Title    string `yaml:"title"`
	} `yaml:"esco"`
}

// ProfilesFile holds the position profiles of one model version (competencies/<name>-<version>-profiles.yaml).
type ProfilesFile struct {
	Framework string `yaml:"framework"`
	Profiles  []struct {
		Position string            `yaml:"position"`
		Levels   map[string]string `yaml:"levels"` // competency code → 1..4 or "na"
	} `yaml:"profiles"`
}

// Shipped is a model file read and checked, ready to be stored.
type Shipped struct {
	Name         string
	Framework    Framework
	Items        []Item
	Indicators   []Indicator
	Associations []Association
	Profiles     map[string]map[uuid.UUID]*int // position code → competency → level (nil: not applicable)
}

// Problems collects every problem of a file, each with where it is, so one run shows them all.
type Problems []string

func (p *Problems) add(where, format string, args ...any) {
	*p = append(*p, where+": "+fmt.Sprintf(format, args...))
}

func (p Problems) Error() string { return strings.Join(p, "\n") }

// LoadShipped reads every model in fsys (files named *.yaml with a "framework:" head, profiles beside them as
// *-profiles.yaml) and checks them the way a schema would: lowercase UUIDs unique across the file, unique codes,
// 4–8 competencies a domain, all four levels with indicators in Czech and English, no empty text, and a
// profile value for every competency.
func LoadShipped(fsys fs.FS) ([]Shipped, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	var out []Shipped
	for _, name := range names {
		if strings.HasSuffix(name, "-profiles.yaml") || name == "positions.yaml" {
			continue
		}
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var mf ModelFile
		if err := yaml.Unmarshal(raw, &mf); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		sum := sha256.Sum256(raw)
		s, probs := mf.build(name, hex.EncodeToString(sum[:]))
		profilesName := strings.TrimSuffix(name, path.Ext(name)) + "-profiles.yaml"
		if rawProfiles, err := fs.ReadFile(fsys, profilesName); err == nil {
			var pf ProfilesFile
			if err := yaml.Unmarshal(rawProfiles, &pf); err != nil {
				return nil, fmt.Errorf("%s: %w", profilesName, err)
			}
			s.Profiles = pf.build(profilesName, s, &probs)
		}
		if len(probs) > 0 {
			return nil, fmt.Errorf("%s is not valid:\n%w", name, probs)
		}
		out = append(out, s)
	}
	return out, nil
}

func (mf *ModelFile) build(name, hash string) (Shipped, Problems) {
	var probs Problems
	seen := map[uuid.UUID]string{}
	codes := map[string]bool{}
	id := func(where, raw string) uuid.UUID {
		u, err := uuid.Parse(raw)
		switch {
		case err != nil || len(raw) != 36:
			probs.add(where, "id %q is not a UUID", raw)
		case raw != strings.ToLower(raw):
			probs.add(where, "id %q must be lower case", raw)
		case seen[u] != "":
			probs.add(where, "id %s is used by %s too", raw, seen[u])
		default:
			seen[u] = where
		}
		return u
	}
	text := func(where, field, value string) string {
		if strings.TrimSpace(value) == "" {
			probs.add(where, "%s is empty", field)
		}
		return strings.TrimSpace(value)
	}
	code := func(where, c string) string {
		if c == "" || codes[c] {
			probs.add(where, "code %q is missing or not unique", c)
		}
		codes[c] = true
		return c
	}

	h := mf.Framework
	f := Framework{
		ID: id("framework", h.ID), Version: text("framework", "version", h.Version), Status: h.Status,
		TitleCS: text("framework", "title_cs", h.TitleCS), TitleEN: text("framework", "title_en", h.TitleEN),
		DescriptionCS: h.DescriptionCS, DescriptionEN: h.DescriptionEN, Publisher: h.Publisher,
		Language: h.Language, Source: "shipped", ContentHash: hash, Revision: 1,
	}
	f.LineageID = f.ID
	if h.Previous != "" {
		prev, err := uuid.Parse(h.Previous)
		if err != nil {
			probs.add("framework", "previous %q is not a UUID", h.Previous)
		}
		f.PreviousID = &prev
	}
	if f.Status != Published && f.Status != Retired {
		probs.add("framework", "status must be published or retired, not %q (drafts live in the database)", f.Status)
	}
	if d, err := database.ParseDate(h.PublishedOn); err != nil {
		probs.add("framework", "published_on %q is not a date (YYYY-MM-DD)", h.PublishedOn)
	} else {
		f.PublishedOn = &d
	}
	if f.Language == "" {
		f.Language = "cs"
	}
	s := Shipped{Name: name, Framework: f}
	if len(mf.Domains) == 0 {
		probs.add("domains", "no domain")
	}
	for di, d := range mf.Domains {
		dw := fmt.Sprintf("domains[%d]", di)
		domain := Item{
			FrameworkID: f.ID, ID: id(dw, d.ID), Seq: di + 1, Kind: KindDomain, ItemType: "Domain", Code: code(dw, d.Code),
			NameCS: text(dw, "name_cs", d.NameCS), NameEN: text(dw, "name_en", d.NameEN),
			DescriptionCS: d.DescriptionCS, DescriptionEN: d.DescriptionEN,
		}
		s.Items = append(s.Items, domain)
		if n := len(d.Competencies); n < 4 || n > 8 {
			probs.add(dw, "has %d competencies; a domain has 4 to 8", n)
		}
		for ci, c := range d.Competencies {
			cw := fmt.Sprintf("%s.competencies[%d]", dw, ci)
			parent := domain.ID
			comp := Item{
				FrameworkID: f.ID, ID: id(cw, c.ID), ParentID: &parent, Seq: ci + 1, Kind: KindCompetency,
				ItemType: "Competency", Code: code(cw, c.Code),
				NameCS: text(cw, "name_cs", c.NameCS), NameEN: text(cw, "name_en", c.NameEN),
				DescriptionCS: text(cw, "description_cs", c.DescriptionCS), DescriptionEN: text(cw, "description_en", c.DescriptionEN),
			}
			s.Items = append(s.Items, comp)
			for level := LevelNovice; level <= LevelExpert; level++ {
				lw := fmt.Sprintf("%s.indicators.%d", cw, level)
				ind, ok := c.Indicators[level]
				if !ok || len(ind.CS) == 0 {
					probs.add(lw, "level %d has no indicators", level)
					continue
				}
				if len(ind.CS) != len(ind.EN) {
					probs.add(lw, "%d Czech but %d English indicators", len(ind.CS), len(ind.EN))
					continue
				}
				for k := range ind.CS {
					s.Indicators = append(s.Indicators, Indicator{
						FrameworkID: f.ID, CompetencyID: comp.ID, Level: level, Seq: k + 1,
						TextCS: text(lw, fmt.Sprintf("cs[%d]", k), ind.CS[k]), TextEN: text(lw, fmt.Sprintf("en[%d]", k), ind.EN[k]),
					})
				}
			}
			if len(c.Indicators) > 4 {
				probs.add(cw, "indicators has levels beyond 1–4")
			}
			for ei, e := range c.ESCO {
				ew := fmt.Sprintf("%s.esco[%d]", cw, ei)
				if e.Relation != "exactMatchOf" && e.Relation != "isRelatedTo" {
					probs.add(ew, "relation must be exactMatchOf or isRelatedTo")
				}
				if !strings.HasPrefix(e.URI, "http://data.europa.eu/esco/") {
					probs.add(ew, "uri %q is not an ESCO concept", e.URI)
				}
				s.Associations = append(s.Associations, Association{
					FrameworkID: f.ID, ID: derivedID(comp.ID, e.Relation+" "+e.URI), Type: e.Relation,
					Origin:      Link{Identifier: comp.ID.String(), Title: comp.NameEN},
					Destination: Link{Identifier: e.URI, URI: e.URI, Title: e.Title},
				})
			}
		}
	}
	for i := range s.Items {
		s.Items[i].SearchText = searchText(&s.Items[i])
	}
	return s, probs
}

func (pf *ProfilesFile) build(name string, s Shipped, probs *Problems) map[string]map[uuid.UUID]*int {
	if pf.Framework != s.Framework.ID.String() {
		probs.add(name, "framework %q is not %s", pf.Framework, s.Framework.ID)
	}
	byCode := map[string]uuid.UUID{}
	for _, it := range s.Items {
		if it.Kind == KindCompetency {
			byCode[it.Code] = it.ID
		}
	}
	out := map[string]map[uuid.UUID]*int{}
	for pi, p := range pf.Profiles {
		where := fmt.Sprintf("%s: profiles[%d] (%s)", name, pi, p.Position)
		levels := map[uuid.UUID]*int{}
		for c, v := range p.Levels {
			cid, ok := byCode[c]
			if !ok {
				probs.add(where, "no competency has the code %s", c)
				continue
			}
			if v == "na" {
				levels[cid] = nil
				continue
			}
			var n int
			if _, err := fmt.Sscanf(v, "%d", &n); err != nil || n < LevelNovice || n > LevelExpert || fmt.Sprint(n) != v {
				probs.add(where, "%s: %q is neither a level 1–4 nor na", c, v)
				continue
			}
			levels[cid] = &n
		}
		for c := range byCode {
			if _, ok := p.Levels[c]; !ok {
				probs.add(where, "no expected level for %s", c)
			}
		}
		if _, dup := out[p.Position]; dup {
			probs.add(where, "the position has two profiles")
		}
		out[p.Position] = levels
	}
	return out
}

// derivedID makes a stable identifier for something the file does not name itself (an ESCO link).
func derivedID(base uuid.UUID, what string) uuid.UUID {
	return uuid.NewSHA1(base, []byte(what))
}

func searchText(it *Item) string {
	return database.Fold(strings.Join([]string{it.Code, it.NameCS, it.NameEN, it.DescriptionCS, it.DescriptionEN}, " "))
}
