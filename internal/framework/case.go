package framework

// 1EdTech CASE 1.1 (Competencies and Academic Standards Exchange) for rozvoj's frameworks.
//
// How rozvoj's model maps to a CFPackage:
//   - Framework ↔ CFDocument: identifier = id, title = title_cs, description = description_cs, version,
//     publisher, language; adoptionStatus: "Adopted" for published, "Deprecated" for retired, "Draft" for drafts.
//   - Item ↔ CFItem: identifier = id, humanCodingScheme = code, CFItemType = item_type ("Domain", "Competency"
//     or whatever an imported framework uses, then kind "other"). Czech is the primary language: an item with a
//     description has abbreviatedStatement = name_cs and fullStatement = description_cs; one without has
//     fullStatement = name_cs only. Import reads it back the same way.
//   - The tree (parent_id, seq) ↔ isChildOf associations with sequenceNumber; a top-level item is a child of the
//     CFDocument. Other associations (exactMatchOf an ESCO occupation, isPeerOf, …) are framework_associations and
//     either end may lie outside the package.
//   - Indicators ↔ CFRubrics: one rubric per item that has indicators, one criterion (CFItemURI = the item) and a
//     level per scale level (position and score 1–4, quality Začínající, Samostatný, Zkušený, Expert); a level's
//     description is its Czech indicators, one a line.
//   - English texts travel in the documented extension "rozvoj" of each object's `extensions`:
//     CFDocument {title_en, description_en}, CFItem {name_en, description_en}, CFRubricCriterionLevel
//     (whose extensions CASE 1.1 types as a list) [{"rozvoj": {indicators_cs: [...], indicators_en: [...]}}].
//   - Every field rozvoj has no column for is kept in case_extra and comes back on export, so a package from
//     another provider is given back as it came, with this server's uri in place of the publisher's for every
//     object of the package (every uri here resolves under /ims/case/v1p1). Keys starting "rozvoj:" in case_extra
//     are rozvoj's own bookkeeping (the isChildOf association's identifier, rubric identifiers, …), never fields.

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// CASEPath is where the CASE 1.1 provider API lives.
const CASEPath = "/ims/case/v1p1"

// ImportBodyLimit is the largest CASE package the import accepts (20 MiB); every other route keeps the server's
// normal body limit (ROZVOJ_BODY_LIMIT).
const ImportBodyLimit = 20 << 20

// ImportPath is the route of the import, the one route allowed a body over the normal limit.
const ImportPath = "/api/v1/frameworks/import"

// extKey is the key of rozvoj's extension inside a CASE object's `extensions`.
const extKey = "rozvoj"

// Bookkeeping keys in case_extra.
const (
	xPackage = "rozvoj:package"   // framework: package-level members other than the document, items, associations, rubrics
	xRubrics = "rozvoj:rubrics"   // framework: rubrics that are not level indicators, kept as they came
	xChild   = "rozvoj:isChildOf" // item: how its isChildOf association came (identifier, links, other fields)
	xOrphan  = "rozvoj:orphan"    // item: the package had no isChildOf for it
	xRubric  = "rozvoj:rubric"    // item: identifiers of its indicator rubric, criterion and levels
	xOrigin  = "rozvoj:origin"    // association: members of originNodeURI beyond identifier, uri, title
	xDest    = "rozvoj:destination"
	xSeqText = "rozvoj:sequenceText" // association: sequenceNumber came as text
)

// levelQuality names the levels of the scale as rubric criterion levels.
var levelQuality = map[int]string{
	LevelNovice: "Začínající", LevelIndependent: "Samostatný", LevelExperienced: "Zkušený", LevelExpert: "Expert",
}

// caseNamespace derives stable identifiers for CASE objects rozvoj does not store (item types, rubrics, the
// isChildOf associations of its own tree).
var caseNamespace = uuid.MustParse("3f0c1d52-8a57-4c1e-9a43-6c1f0f7a2b10")

// itemTypeID is the identifier of a CFItemType that rozvoj defines itself, the same in every framework.
func itemTypeID(title string) uuid.UUID {
	return uuid.NewSHA1(caseNamespace, []byte("CFItemType "+title))
}

func childAssocID(child uuid.UUID) uuid.UUID { return derivedID(child, "isChildOf") }
func rubricID(item uuid.UUID) uuid.UUID      { return derivedID(item, "CFRubric") }
func criterionID(item uuid.UUID) uuid.UUID   { return derivedID(item, "CFRubricCriterion") }
func levelID(item uuid.UUID, level int) uuid.UUID {
	return derivedID(item, "CFRubricCriterionLevel "+strconv.Itoa(level))
}

// adoptionStatus is the CASE adoptionStatus of a framework status.
func adoptionStatus(status string) string {
	switch status {
	case Published:
		return "Adopted"
	case Retired:
		return "Deprecated"
	}
	return "Draft"
}

// statusOf decides an imported framework's status from its adoptionStatus: Adopted, Implemented, Published,
// Final or Active make it published; Deprecated, Retired, Obsolete or Superseded retired; anything else
// ("Draft", "Private Draft", none) a draft that methodologists can review before publishing.
func statusOf(adoption string) string {
	switch strings.ToLower(strings.TrimSpace(adoption)) {
	case "adopted", "implemented", "published", "final", "active":
		return Published
	case "deprecated", "retired", "obsolete", "superseded":
		return Retired
	}
	return Draft
}

func kindOf(itemType string) string {
	switch {
	case strings.EqualFold(itemType, "Domain"):
		return KindDomain
	case strings.EqualFold(itemType, "Competency"):
		return KindCompetency
	}
	return KindOther
}

// caseTime renders a time as CASE wants it (RFC 3339, UTC, whole seconds).
func caseTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// pointer escapes one JSON pointer token (RFC 6901).
func pointer(base string, token any) string {
	switch t := token.(type) {
	case string:
		return base + "/" + strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
	case int:
		return base + "/" + strconv.Itoa(t)
	}
	panic("pointer token")
}

// copyMap copies a case_extra map one level deep, leaving out rozvoj's bookkeeping keys.
func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if !strings.HasPrefix(k, "rozvoj:") {
			out[k] = v
		}
	}
	return out
}

// uris makes this server's CASE addresses.
type uris struct{ base string }

func (u uris) of(kind string, id string) string { return u.base + CASEPath + "/" + kind + "/" + id }

// relink points the uri of every object and link in v whose identifier names an object of the package at this
// server; links to anything else (another framework, ESCO) stay as they are.
func relink(v any, index map[string]string) {
	switch t := v.(type) {
	case map[string]any:
		if id, ok := t["identifier"].(string); ok {
			if u, ok := index[strings.ToLower(id)]; ok {
				if _, has := t["uri"]; has {
					t["uri"] = u
				}
			}
		}
		for k, c := range t {
			if k != "identifier" && k != "uri" {
				relink(c, index)
			}
		}
	case []any:
		for _, c := range t {
			relink(c, index)
		}
	}
}

// ImportCounts summarises what a package holds, for the preview before importing.
type ImportCounts struct {
	Items                int            `json:"items"`
	ItemsByType          map[string]int `json:"items_by_type"`
	Domains              int            `json:"domains"`
	Competencies         int            `json:"competencies"`
	Other                int            `json:"other"`
	Associations         int            `json:"associations"`
	ChildAssociations    int            `json:"child_associations"`
	ExternalAssociations int            `json:"external_associations"`
	Rubrics              int            `json:"rubrics"`
	IndicatorRubrics     int            `json:"indicator_rubrics"`
	Indicators           int            `json:"indicators"`
}

// ImportResult is the answer of an import or of its dry run: the framework as stored (or as it would be), what
// the package holds, and every problem found.
type ImportResult struct {
	DryRun    bool            `json:"dry_run"`
	Valid     bool            `json:"valid"`
	Framework *Framework      `json:"framework"`
	Counts    ImportCounts    `json:"counts"`
	Problems  []ImportProblem `json:"problems"`
}

// ImportProblem is one thing wrong with a package, at its JSON pointer (RFC 6901), e.g. "/CFItems/3/identifier".
type ImportProblem struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}
