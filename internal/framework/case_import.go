package framework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"gopkg.in/yaml.v3"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Package formats the import reads.
const (
	FormatJSON = "json"
	FormatYAML = "yaml"
)

// ParsePackage reads a package as JSON or YAML into plain values (objects as map[string]any, numbers as
// json.Number). A body that is not JSON (or YAML) at all is a 400; keys given twice in one object are problems.
func ParsePackage(raw []byte, format string) (any, []ImportProblem, error) {
	var probs []ImportProblem
	if format == FormatYAML {
		var doc yaml.Node
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			return nil, nil, httpx.BadRequest("The body is not valid YAML: " + err.Error())
		}
		if doc.Kind == 0 || len(doc.Content) == 0 {
			return nil, nil, httpx.BadRequest("The body is empty; send a CASE CFPackage.")
		}
		v, err := fromYAML(doc.Content[0], "", &probs)
		return v, probs, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := readJSON(dec, "", &probs)
	if errors.Is(err, io.EOF) {
		return nil, nil, httpx.BadRequest("The body is empty; send a CASE CFPackage.")
	}
	if err != nil {
		return nil, nil, httpx.BadRequest("The body is not valid JSON: " + err.Error())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, nil, httpx.BadRequest("The body must hold exactly one JSON value.")
	}
	return v, probs, nil
}

func duplicateKey(ptr string) ImportProblem {
	return ImportProblem{Field: ptr, Code: "duplicate", Message: "This member is given twice in one object."}
}

func readJSON(dec *json.Decoder, ptr string, probs *[]ImportProblem) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return tok, nil
	}
	switch d {
	case '{':
		m := map[string]any{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k, _ := kt.(string)
			p := pointer(ptr, k)
			v, err := readJSON(dec, p, probs)
			if err != nil {
				return nil, err
			}
			if _, dup := m[k]; dup {
				*probs = append(*probs, duplicateKey(p))
			}
			m[k] = v
		}
		_, err := dec.Token()
		return m, err
	case '[':
		a := []any{}
		for dec.More() {
			v, err := readJSON(dec, pointer(ptr, len(a)), probs)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.Token()
		return a, err
	}
	return nil, fmt.Errorf("unexpected %v", d)
}

// fromYAML turns a YAML node into the values JSON would give. Aliases are refused: a package has no use for
// them, and expanding them is how small files become huge.
func fromYAML(n *yaml.Node, ptr string, probs *[]ImportProblem) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return fromYAML(n.Content[0], ptr, probs)
	case yaml.AliasNode:
		return nil, httpx.BadRequest(fmt.Sprintf("YAML aliases are not accepted (line %d).", n.Line))
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			p := pointer(ptr, k)
			v, err := fromYAML(n.Content[i+1], p, probs)
			if err != nil {
				return nil, err
			}
			if _, dup := m[k]; dup {
				*probs = append(*probs, duplicateKey(p))
			}
			m[k] = v
		}
		return m, nil
	case yaml.SequenceNode:
		a := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			v, err := fromYAML(c, pointer(ptr, i), probs)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		return a, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, httpx.BadRequest(fmt.Sprintf("line %d: %v", n.Line, err))
		}
		return b, nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return nil, httpx.BadRequest(fmt.Sprintf("line %d: %v", n.Line, err))
		}
		return json.Number(strconv.FormatInt(i, 10)), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, httpx.BadRequest(fmt.Sprintf("line %d: %q is not a number JSON can hold", n.Line, n.Value))
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	}
	return n.Value, nil // strings, and timestamps as they were written
}

// checker reads the plain values of a package, noting every problem with its JSON pointer.
type checker struct{ probs []ImportProblem }

func (c *checker) add(ptr, code, format string, args ...any) {
	c.probs = append(c.probs, ImportProblem{Field: ptr, Code: code, Message: fmt.Sprintf(format, args...)})
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a text"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return reflect.TypeOf(v).String()
}

// str reads an optional text member; required makes its absence a problem.
func (c *checker) str(m map[string]any, key, ptr string, required bool) (string, bool) {
	v, ok := m[key]
	if !ok || v == nil {
		if required {
			c.add(pointer(ptr, key), "required", "%s is required.", key)
		}
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		c.add(pointer(ptr, key), "type", "Expected a text, got %s.", typeName(v))
		return "", false
	}
	return s, true
}

func (c *checker) obj(v any, ptr string, required bool) map[string]any {
	if v == nil {
		if required {
			c.add(ptr, "required", "This member is required.")
		}
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		c.add(ptr, "type", "Expected an object, got %s.", typeName(v))
	}
	return m
}

func (c *checker) list(v any, ptr string) []any {
	if v == nil {
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		c.add(ptr, "type", "Expected a list, got %s.", typeName(v))
	}
	return a
}

// integer reads an optional whole number member. Some CASE 1.0 providers (OpenSALT among them) wrote
// sequenceNumber as text ("1"); a text of digits is taken too, and textual says so, so export writes it back the
// same way. Anything else is a problem.
func (c *checker) integer(m map[string]any, key, ptr string) (n int, ok, textual bool) {
	v, has := m[key]
	if !has || v == nil {
		return 0, false, false
	}
	var raw string
	switch t := v.(type) {
	case json.Number:
		raw = t.String()
	case string:
		raw, textual = t, true
	}
	if i, err := strconv.ParseInt(raw, 10, 32); err == nil {
		return int(i), true, textual
	}
	c.add(pointer(ptr, key), "type", "Expected a whole number, got %s.", typeName(v))
	return 0, false, false
}

// ids keeps every identifier of the package, so a second use of one is a problem naming the first.
type ids struct {
	c    *checker
	seen map[uuid.UUID]string
}

// take reads an object's identifier: present, a UUID, and not used before in the package.
func (x *ids) take(m map[string]any, ptr string) (uuid.UUID, bool) {
	s, ok := x.c.str(m, "identifier", ptr, true)
	if !ok {
		return uuid.Nil, false
	}
	u, err := uuid.Parse(s)
	if err != nil || len(s) != 36 {
		x.c.add(pointer(ptr, "identifier"), "uuid", "%q is not a UUID; CASE identifiers are UUIDs.", s)
		return uuid.Nil, false
	}
	if first, dup := x.seen[u]; dup {
		x.c.add(pointer(ptr, "identifier"), "unique", "The identifier %s is used by %s too.", s, first)
		return uuid.Nil, false
	}
	x.seen[u] = pointer(ptr, "identifier")
	return u, true
}

// link reads a LinkGenURI (originNodeURI, destinationNodeURI): an identifier, and uri and title when given.
func (c *checker) link(v any, ptr string) (Link, map[string]any, bool) {
	m := c.obj(v, ptr, true)
	if m == nil {
		return Link{}, nil, false
	}
	id, ok := c.str(m, "identifier", ptr, true)
	if ok && id == "" {
		c.add(pointer(ptr, "identifier"), "required", "identifier is empty.")
		ok = false
	}
	uri, _ := c.str(m, "uri", ptr, false)
	title, _ := c.str(m, "title", ptr, false)
	rest := map[string]any{}
	for k, v := range m {
		if k != "identifier" && k != "uri" && k != "title" {
			rest[k] = v
		}
	}
	return Link{Identifier: id, URI: uri, Title: title}, rest, ok
}

// rozvojExt takes rozvoj's extension out of an object's extensions: its texts, and the other extensions to
// keep as they came.
func (c *checker) rozvojExt(m map[string]any, ptr string, keys ...string) (map[string]string, map[string]any) {
	ext := c.obj(m["extensions"], pointer(ptr, "extensions"), false)
	if ext == nil {
		return nil, nil
	}
	rest := map[string]any{}
	for k, v := range ext {
		if k != extKey {
			rest[k] = v
		}
	}
	out := map[string]string{}
	if r := c.obj(ext[extKey], pointer(pointer(ptr, "extensions"), extKey), false); r != nil {
		for _, k := range keys {
			if s, ok := c.str(r, k, pointer(pointer(ptr, "extensions"), extKey), false); ok {
				out[k] = s
			}
		}
	}
	if len(rest) == 0 {
		rest = nil
	}
	return out, rest
}

// extras keeps an object's members that rozvoj has no column for.
func extras(m map[string]any, owned ...string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if !contains(owned, k) {
			out[k] = v
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Members of CASE objects rozvoj keeps in columns or makes anew on export (uri, and the links back to the
// document and package, which name the publisher's server).
var (
	ownedDocument    = []string{"identifier", "uri", "CFPackageURI", "title", "description", "version", "publisher", "language", "extensions"}
	ownedItem        = []string{"identifier", "uri", "CFDocumentURI", "fullStatement", "abbreviatedStatement", "humanCodingScheme", "CFItemType", "extensions"}
	ownedAssociation = []string{"identifier", "uri", "CFDocumentURI", "associationType", "sequenceNumber", "originNodeURI", "destinationNodeURI"}
	packageMembers   = []string{"CFDocument", "CFItems", "CFAssociations", "CFRubrics"}
)

// decoded is a package checked and turned into rozvoj's model, ready to store.
type decoded struct {
	Framework    Framework
	Items        []Item
	Indicators   []Indicator
	Associations []Association
	Counts       ImportCounts
	Problems     []ImportProblem
}

// decodePackage checks a parsed package and maps it to rozvoj's model, listing every problem it finds.
func decodePackage(root any, now time.Time) *decoded {
	c := &checker{}
	x := &ids{c: c, seen: map[uuid.UUID]string{}}
	out := &decoded{Counts: ImportCounts{ItemsByType: map[string]int{}}}
	pkg := c.obj(root, "", true)
	if pkg == nil {
		out.Problems = c.probs
		return out
	}
	if _, many := pkg["CFDocuments"]; many {
		c.add("/CFDocuments", "duplicate", "A package holds exactly one CFDocument, not a list of them.")
	}

	// The document.
	f := &out.Framework
	f.Status = Draft
	doc := c.obj(pkg["CFDocument"], "/CFDocument", true)
	if doc != nil {
		f.ID, _ = x.take(doc, "/CFDocument")
		title, _ := c.str(doc, "title", "/CFDocument", true)
		f.TitleCS = title
		f.DescriptionCS, _ = c.str(doc, "description", "/CFDocument", false)
		f.Version, _ = c.str(doc, "version", "/CFDocument", false)
		f.Publisher, _ = c.str(doc, "publisher", "/CFDocument", false)
		f.Language, _ = c.str(doc, "language", "/CFDocument", false)
		adoption, _ := c.str(doc, "adoptionStatus", "/CFDocument", false)
		for _, k := range []string{"creator", "lastChangeDateTime", "statusStartDate"} {
			c.str(doc, k, "/CFDocument", false)
		}
		en, ext := c.rozvojExt(doc, "/CFDocument", "title_en", "description_en")
		f.TitleEN, f.DescriptionEN = en["title_en"], en["description_en"]
		f.CaseExtra = extras(doc, ownedDocument...)
		if ext != nil {
			f.CaseExtra["extensions"] = ext
		}
		f.Status = statusOf(adoption)
		if f.Status != Draft {
			f.PublishedOn = publishedOn(doc, now)
		}
	}
	f.LineageID, f.Source, f.Revision, f.CreatedAt, f.UpdatedAt = f.ID, "import", 1, now, now
	pkgExtra := extras(pkg, packageMembers...)
	if d, ok := pkgExtra["CFDefinitions"]; ok {
		c.obj(d, "/CFDefinitions", false)
	}
	if len(pkgExtra) > 0 {
		f.CaseExtra = withKey(f.CaseExtra, xPackage, pkgExtra)
	}

	// The items.
	rawItems := c.list(pkg["CFItems"], "/CFItems")
	out.Items = make([]Item, 0, len(rawItems))
	byID := make(map[uuid.UUID]int, len(rawItems)) // item → index in out.Items
	for i, v := range rawItems {
		ptr := pointer("/CFItems", i)
		m := c.obj(v, ptr, true)
		if m == nil {
			continue
		}
		id, idOK := x.take(m, ptr)
		full, _ := c.str(m, "fullStatement", ptr, true)
		abbr, _ := c.str(m, "abbreviatedStatement", ptr, false)
		code, _ := c.str(m, "humanCodingScheme", ptr, false)
		itemType, _ := c.str(m, "CFItemType", ptr, false)
		en, ext := c.rozvojExt(m, ptr, "name_en", "description_en")
		it := Item{FrameworkID: f.ID, ID: id, Kind: kindOf(itemType), ItemType: itemType, Code: code,
			NameCS: full, NameEN: en["name_en"], DescriptionEN: en["description_en"], CaseExtra: extras(m, ownedItem...)}
		if abbr != "" {
			it.NameCS, it.DescriptionCS = abbr, full
		} else if v, ok := m["abbreviatedStatement"]; ok && v == "" {
			it.CaseExtra["abbreviatedStatement"] = "" // present but empty: given back as it came
		}
		if ext != nil {
			it.CaseExtra["extensions"] = ext
		}
		if !idOK {
			continue
		}
		byID[id] = len(out.Items)
		out.Items = append(out.Items, it)
	}

	// The associations: isChildOf makes the tree, the rest are kept as they are.
	rawAssocs := c.list(pkg["CFAssociations"], "/CFAssociations")
	hasParent := make(map[uuid.UUID]bool, len(out.Items))
	type edge struct {
		child, parent uuid.UUID
		ptr           string
	}
	var edges []edge
	for j, v := range rawAssocs {
		ptr := pointer("/CFAssociations", j)
		m := c.obj(v, ptr, true)
		if m == nil {
			continue
		}
		id, idOK := x.take(m, ptr)
		typ, typOK := c.str(m, "associationType", ptr, true)
		seq, hasSeq, seqText := c.integer(m, "sequenceNumber", ptr)
		origin, originRest, oOK := c.link(m["originNodeURI"], pointer(ptr, "originNodeURI"))
		dest, destRest, dOK := c.link(m["destinationNodeURI"], pointer(ptr, "destinationNodeURI"))
		if !idOK || !typOK || !oOK || !dOK {
			continue
		}
		extra := extras(m, ownedAssociation...)
		inPackage := func(l *Link) (uuid.UUID, bool) {
			u, err := uuid.Parse(l.Identifier)
			if err != nil {
				return uuid.Nil, false
			}
			if _, ok := byID[u]; ok || (u == f.ID && f.ID != uuid.Nil) {
				// An end in the package: its address is this server's, made anew on export.
				l.Identifier, l.URI = u.String(), ""
				return u, true
			}
			return u, false
		}
		childID, childIn := inPackage(&origin)
		parentID, parentIn := inPackage(&dest)
		if typ == "isChildOf" {
			if !childIn || childID == f.ID {
				c.add(pointer(pointer(ptr, "originNodeURI"), "identifier"), "unknown_reference",
					"The child of an isChildOf association must be an item of this package; %s is not.", origin.Identifier)
			}
			if !parentIn {
				c.add(pointer(pointer(ptr, "destinationNodeURI"), "identifier"), "unknown_reference",
					"The parent of an isChildOf association must be this package's document or one of its items; %s is not.", dest.Identifier)
			}
			if !childIn || !parentIn || childID == f.ID {
				continue
			}
			if parentID != f.ID {
				edges = append(edges, edge{childID, parentID, ptr})
			}
			if !hasParent[childID] {
				hasParent[childID] = true
				out.Counts.ChildAssociations++
				it := &out.Items[byID[childID]]
				if parentID != f.ID {
					p := parentID
					it.ParentID = &p
				}
				// Without a sequenceNumber the order is not given: 0, so siblings sort by code, the same after a
				// round trip.
				it.Seq = 0
				how := map[string]any{"origin": linkMap(origin, originRest), "destination": linkMap(dest, destRest)}
				if hasSeq {
					it.Seq = seq
					if seqText {
						how["sequenceText"] = true
					}
				} else {
					how["noSequence"] = true
				}
				if id != childAssocID(childID) {
					how["identifier"] = id.String()
				}
				if len(extra) > 0 {
					how["fields"] = extra
				}
				it.CaseExtra = withKey(it.CaseExtra, xChild, how)
				continue
			}
			// A second parent: CASE allows an item under two parents; rozvoj's tree keeps the first and this
			// one as an association.
		}
		a := Association{FrameworkID: f.ID, ID: id, Type: typ, Origin: origin, Destination: dest, CaseExtra: extra}
		if hasSeq {
			s := seq
			a.Seq = &s
			if seqText {
				a.CaseExtra[xSeqText] = true
			}
		}
		if len(originRest) > 0 {
			a.CaseExtra[xOrigin] = originRest
		}
		if len(destRest) > 0 {
			a.CaseExtra[xDest] = destRest
		}
		if !childIn || !parentIn {
			out.Counts.ExternalAssociations++
		}
		out.Associations = append(out.Associations, a)
	}
	for i := range out.Items {
		it := &out.Items[i]
		if !hasParent[it.ID] {
			it.Seq = 0
			it.CaseExtra = withKey(it.CaseExtra, xOrphan, true)
		}
	}

	// No isChildOf cycle: follow every item's parents; a walk that comes back to where it started is a cycle.
	parents := map[uuid.UUID][]edge{}
	for _, e := range edges {
		parents[e.child] = append(parents[e.child], e)
	}
	state := map[uuid.UUID]int{} // 0 new, 1 on the walk, 2 done
	var visit func(id uuid.UUID)
	visit = func(id uuid.UUID) {
		state[id] = 1
		for _, e := range parents[id] {
			switch state[e.parent] {
			case 0:
				visit(e.parent)
			case 1:
				c.add(e.ptr, "cycle", "This isChildOf association closes a cycle: an item would be its own ancestor.")
			}
		}
		state[id] = 2
	}
	for _, e := range edges {
		if state[e.child] == 0 {
			visit(e.child)
		}
	}

	// Rubrics: those shaped like rozvoj's level indicators become indicators; the rest are kept as they came.
	rawRubrics := c.list(pkg["CFRubrics"], "/CFRubrics")
	var kept []any
	withRubric := map[uuid.UUID]bool{}
	for r, v := range rawRubrics {
		ptr := pointer("/CFRubrics", r)
		m := c.obj(v, ptr, true)
		if m == nil {
			continue
		}
		x.take(m, ptr)
		for k, cv := range c.list(m["CFRubricCriteria"], pointer(ptr, "CFRubricCriteria")) {
			cptr := pointer(pointer(ptr, "CFRubricCriteria"), k)
			if cm := c.obj(cv, cptr, true); cm != nil {
				x.take(cm, cptr)
				for l, lv := range c.list(cm["CFRubricCriterionLevels"], pointer(cptr, "CFRubricCriterionLevels")) {
					lptr := pointer(pointer(cptr, "CFRubricCriterionLevels"), l)
					if lm := c.obj(lv, lptr, true); lm != nil {
						x.take(lm, lptr)
					}
				}
			}
		}
		if len(c.probs) > 0 {
			continue // the package is refused anyway; keep only the problems
		}
		if itemID, inds, how, ok := indicatorRubric(m, byID, out.Items, withRubric); ok {
			withRubric[itemID] = true
			it := &out.Items[byID[itemID]]
			for i := range inds {
				inds[i].FrameworkID = f.ID
			}
			out.Indicators = append(out.Indicators, inds...)
			if how != nil {
				it.CaseExtra = withKey(it.CaseExtra, xRubric, how)
			}
			out.Counts.IndicatorRubrics++
			continue
		}
		kept = append(kept, m)
	}
	if len(kept) > 0 {
		f.CaseExtra = withKey(f.CaseExtra, xRubrics, kept)
	}

	for i := range out.Items {
		it := &out.Items[i]
		it.FrameworkID = f.ID
		it.SearchText = searchText(it)
		if len(it.CaseExtra) == 0 {
			it.CaseExtra = nil
		}
		out.Counts.ItemsByType[it.ItemType]++
		switch it.Kind {
		case KindDomain:
			out.Counts.Domains++
		case KindCompetency:
			out.Counts.Competencies++
		default:
			out.Counts.Other++
		}
	}
	for i := range out.Associations {
		out.Associations[i].FrameworkID = f.ID
		if len(out.Associations[i].CaseExtra) == 0 {
			out.Associations[i].CaseExtra = nil
		}
	}
	if len(f.CaseExtra) == 0 {
		f.CaseExtra = nil
	}
	out.Counts.Items = len(out.Items)
	out.Counts.Associations = len(rawAssocs)
	out.Counts.Rubrics = len(rawRubrics)
	out.Counts.Indicators = len(out.Indicators)
	out.Problems = c.probs
	return out
}

func linkMap(l Link, rest map[string]any) map[string]any {
	m := map[string]any{"identifier": l.Identifier, "uri": l.URI, "title": l.Title}
	for k, v := range rest {
		m[k] = v
	}
	return m
}

func withKey(m map[string]any, k string, v any) map[string]any {
	if m == nil {
		m = map[string]any{}
	}
	m[k] = v
	return m
}

// publishedOn is the day an imported framework took its status: statusStartDate, else the day of its last
// change, else today.
func publishedOn(doc map[string]any, now time.Time) *database.Date {
	if s, ok := doc["statusStartDate"].(string); ok {
		if d, err := database.ParseDate(s); err == nil {
			return &d
		}
	}
	if s, ok := doc["lastChangeDateTime"].(string); ok && len(s) >= 10 {
		if d, err := database.ParseDate(s[:10]); err == nil {
			return &d
		}
	}
	d := database.NewDate(now.Year(), now.Month(), now.Day())
	return &d
}

// indicatorRubric reads a rubric as the level indicators of one item: one criterion about an item of the
// package and levels at positions 1–4. It is taken only when exporting the indicators gives the rubric back
// exactly (apart from uri and lastChangeDateTime), so nothing of it is lost; otherwise it is kept as it came.
func indicatorRubric(m map[string]any, byID map[uuid.UUID]int, items []Item, taken map[uuid.UUID]bool) (uuid.UUID, []Indicator, map[string]any, bool) {
	crits, _ := m["CFRubricCriteria"].([]any)
	if len(crits) != 1 {
		return uuid.Nil, nil, nil, false
	}
	crit, _ := crits[0].(map[string]any)
	ref, _ := crit["CFItemURI"].(map[string]any)
	sid, _ := ref["identifier"].(string)
	itemID, err := uuid.Parse(sid)
	if err != nil || taken[itemID] {
		return uuid.Nil, nil, nil, false
	}
	idx, ok := byID[itemID]
	if !ok {
		return uuid.Nil, nil, nil, false
	}
	levels, _ := crit["CFRubricCriterionLevels"].([]any)
	var inds []Indicator
	levelIDs := map[string]any{}
	for _, lv := range levels {
		lm, _ := lv.(map[string]any)
		pos, err := strconv.Atoi(fmt.Sprint(lm["position"]))
		if err != nil || pos < LevelNovice || pos > LevelExpert || levelIDs[strconv.Itoa(pos)] != nil {
			return uuid.Nil, nil, nil, false
		}
		lid, _ := lm["identifier"].(string)
		levelIDs[strconv.Itoa(pos)] = strings.ToLower(lid)
		// The texts come from rozvoj's extension; a rubric without it is not one of rozvoj's and is kept whole.
		var cs, en []string
		if exts, ok := lm["extensions"].([]any); ok && len(exts) == 1 {
			e, _ := exts[0].(map[string]any)
			r, _ := e[extKey].(map[string]any)
			cs, en = textList(r["indicators_cs"]), textList(r["indicators_en"])
		}
		for k, text := range cs {
			in := Indicator{CompetencyID: itemID, Level: pos, Seq: k + 1, TextCS: text}
			if k < len(en) {
				in.TextEN = en[k]
			}
			inds = append(inds, in)
		}
	}
	how := map[string]any{"rubric": strings.ToLower(fmt.Sprint(m["identifier"])), "criterion": strings.ToLower(fmt.Sprint(crit["identifier"])), "levels": levelIDs}
	if changed, ok := m["lastChangeDateTime"].(string); ok {
		how["lastChangeDateTime"] = changed
	}
	it := items[idx]
	it.CaseExtra = withKey(copyMap(it.CaseExtra), xRubric, how)
	again := rubricOf(&it, indicatorsByLevel(inds), uris{}, "")
	if !sameIgnoring(again, m) {
		return uuid.Nil, nil, nil, false
	}
	return itemID, inds, how, true
}

func textList(v any) []string {
	a, _ := v.([]any)
	out := make([]string, 0, len(a))
	for _, x := range a {
		s, ok := x.(string)
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// sameIgnoring compares two CASE objects as JSON, apart from uri and lastChangeDateTime members, which export
// makes anew.
func sameIgnoring(a, b any) bool {
	norm := func(v any) any {
		raw, _ := json.Marshal(v)
		var out any
		_ = json.Unmarshal(raw, &out)
		var strip func(any)
		strip = func(v any) {
			switch t := v.(type) {
			case map[string]any:
				delete(t, "uri")
				delete(t, "lastChangeDateTime")
				for _, c := range t {
					strip(c)
				}
			case []any:
				for _, c := range t {
					strip(c)
				}
			}
		}
		strip(out)
		return out
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

// ImportCASE checks a CASE package and stores it as a new framework, whole in one transaction or not at all.
// A dry run checks and counts without writing. Only methodologists and the operator import.
func (s *Service) ImportCASE(ctx context.Context, p *auth.Principal, raw []byte, format string, dryRun bool) (*ImportResult, error) {
	if !canSeeDrafts(p) {
		return nil, httpx.Forbidden("Only methodologists import competency frameworks.")
	}
	root, dupes, err := ParsePackage(raw, format)
	if err != nil {
		return nil, err
	}
	d := decodePackage(root, database.Now())
	d.Problems = append(dupes, d.Problems...)
	sum := sha256.Sum256(raw)
	d.Framework.ContentHash = hex.EncodeToString(sum[:])
	res := &ImportResult{DryRun: dryRun, Framework: &d.Framework, Counts: d.Counts, Problems: d.Problems}
	if res.Problems == nil {
		res.Problems = []ImportProblem{}
	}
	exists := func(ctx context.Context, db bun.IDB) (bool, error) {
		if d.Framework.ID == uuid.Nil {
			return false, nil
		}
		_, err := s.store.framework(ctx, db, d.Framework.ID)
		if errors.Is(err, errNotFound) {
			return false, nil
		}
		return err == nil, err
	}
	if dryRun {
		found, err := exists(ctx, s.db)
		if err != nil {
			return nil, err
		}
		if found {
			res.Problems = append(res.Problems, existsProblem(d.Framework.ID))
		}
		res.Valid = len(res.Problems) == 0
		return res, nil
	}
	if len(d.Problems) > 0 {
		errs := make([]httpx.FieldError, len(d.Problems))
		for i, pr := range d.Problems {
			errs[i] = httpx.FieldError{Field: pr.Field, Code: pr.Code, Message: pr.Message}
		}
		prob := httpx.Invalid(errs...)
		prob.Detail = fmt.Sprintf("The package has %d problem(s); nothing was imported.", len(errs))
		return nil, prob
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		found, err := exists(ctx, tx)
		if err != nil {
			return err
		}
		if found {
			return conflict(d.Framework.ID)
		}
		return s.store.insertTree(ctx, tx, &d.Framework, d.Items, d.Indicators, d.Associations)
	})
	if database.IsUniqueViolation(err) {
		return nil, conflict(d.Framework.ID)
	}
	if err != nil {
		return nil, err
	}
	res.Valid = true
	return res, nil
}

func existsProblem(id uuid.UUID) ImportProblem {
	return ImportProblem{Field: "/CFDocument/identifier", Code: "exists",
		Message: fmt.Sprintf("A framework with the identifier %s is already stored; a stored version never changes, so import a new version with a new CFDocument identifier.", id)}
}

func conflict(id uuid.UUID) error {
	pr := existsProblem(id)
	p := httpx.Conflict(pr.Message)
	p.Errors = []httpx.FieldError{{Field: pr.Field, Code: pr.Code, Message: pr.Message}}
	return p
}
