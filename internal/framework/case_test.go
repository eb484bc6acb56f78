package framework_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/rozvoj/rozvoj/competencies"
	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/framework"
)

var operator = &auth.Principal{Grants: []auth.Grant{{Role: auth.Admin}}}

func shippedSPOD(t *testing.T) string {
	t.Helper()
	models, err := framework.LoadShipped(competencies.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range models {
		if strings.HasPrefix(m.Name, "spod-") {
			return m.Framework.ID.String()
		}
	}
	t.Fatal("no shipped SPOD model")
	return ""
}

var (
	schemaOnce sync.Once
	caseSchema *jsonschema.Schema
	schemaErr  error
)

// validateCASE checks a package against the 1EdTech CASE 1.1 JSON schema, formats asserted.
func validateCASE(t *testing.T, raw []byte) {
	t.Helper()
	schemaOnce.Do(func() {
		f, err := os.Open(filepath.Join("testdata", "case-v1p1-cfpackage-schema.json"))
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if schemaErr = c.AddResource("case-v1p1-cfpackage-schema.json", doc); schemaErr != nil {
			return
		}
		caseSchema, schemaErr = c.Compile("case-v1p1-cfpackage-schema.json")
	})
	if schemaErr != nil {
		t.Fatalf("CASE schema: %v", schemaErr)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := caseSchema.Validate(inst); err != nil {
		t.Fatalf("the export is not valid CASE 1.1: %v", err)
	}
	// The schema has teeth: a member CASE does not define, or a uri that is not one, fails it.
	for _, broken := range []string{`{"CFDocument":{},"CFItems":[]}`, strings.Replace(string(raw), `"CFItems":[`, `"CFItems":[{"identifier":"x","uri":"not a uri"},`, 1)} {
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(broken))
		if caseSchema.Validate(inst) == nil {
			t.Fatalf("the schema accepts a broken package: %.200s", broken)
		}
	}
}

func decode(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return m
}

func list(v any) []map[string]any {
	l, _ := v.([]any)
	out := make([]map[string]any, 0, len(l))
	for _, x := range l {
		m, _ := x.(map[string]any)
		out = append(out, m)
	}
	return out
}

// uris collects every uri member of a package.
func uris(v any, out *[]string) {
	switch t := v.(type) {
	case map[string]any:
		for k, c := range t {
			if s, ok := c.(string); ok && k == "uri" {
				*out = append(*out, s)
			}
			uris(c, out)
		}
	case []any:
		for _, c := range t {
			uris(c, out)
		}
	}
}

// TestCASEExportShipped: the shipped SPOD model answers as a CASE provider, its package is valid CASE 1.1 and
// every address in it resolves on this server.
func TestCASEExportShipped(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		id := shippedSPOD(t)

		var docs struct {
			CFDocuments []map[string]any `json:"CFDocuments"`
		}
		res := s.Get(t, "/ims/case/v1p1/CFDocuments", "")
		res.JSON(t, &docs)
		if res.Status != http.StatusOK || !slices.ContainsFunc(docs.CFDocuments, func(d map[string]any) bool { return d["identifier"] == id }) {
			t.Fatalf("CFDocuments: %d %s", res.Status, res.Body)
		}

		res = s.Get(t, "/ims/case/v1p1/CFPackages/"+id, "")
		if res.Status != http.StatusOK {
			t.Fatalf("package: %d %s", res.Status, res.Body)
		}
		validateCASE(t, res.Body)
		pkg := decode(t, res.Body)
		doc := pkg["CFDocument"].(map[string]any)
		if doc["adoptionStatus"] != "Adopted" || doc["language"] != "cs" || doc["title"] == "" {
			t.Errorf("document: %v", doc)
		}
		items, assocs, rubrics := list(pkg["CFItems"]), list(pkg["CFAssociations"]), list(pkg["CFRubrics"])
		types := map[string]int{}
		for _, it := range items {
			types[it["CFItemType"].(string)]++
		}
		if types["Domain"] != 9 || types["Competency"] != 45 || len(items) != 54 {
			t.Errorf("items by type: %v", types)
		}
		children := 0
		for _, a := range assocs {
			if a["associationType"] == "isChildOf" {
				children++
				if _, ok := a["sequenceNumber"]; !ok {
					t.Errorf("isChildOf without sequenceNumber: %v", a)
				}
			}
		}
		if children != 54 {
			t.Errorf("%d isChildOf associations, want 54", children)
		}
		if len(rubrics) != 45 {
			t.Fatalf("%d rubrics, want one per competency", len(rubrics))
		}
		levels := list(list(rubrics[0]["CFRubricCriteria"])[0]["CFRubricCriterionLevels"])
		if len(levels) != 4 || levels[0]["quality"] != "Začínající" || levels[3]["quality"] != "Expert" || levels[1]["description"] == "" {
			t.Errorf("rubric levels: %v", levels)
		}
		if first := items[1]; first["abbreviatedStatement"] == nil || first["extensions"] == nil {
			t.Errorf("a competency keeps its name, description and English: %v", first)
		}

		// Every uri of the package's objects is this server's and resolves; ESCO stays ESCO.
		var all []string
		uris(pkg, &all)
		byKind := map[string]string{}
		for _, u := range all {
			if strings.HasPrefix(u, "http://data.europa.eu/esco/") {
				continue
			}
			if !strings.HasPrefix(u, s.URL+"/ims/case/v1p1/") {
				t.Errorf("uri %s is not this server's", u)
				continue
			}
			path := strings.TrimPrefix(u, s.URL)
			path, _, _ = strings.Cut(path, "#")
			byKind[strings.Split(path, "/")[4]] = path
		}
		for _, kind := range []string{"CFDocuments", "CFItems", "CFAssociations", "CFRubrics", "CFItemTypes"} {
			path, ok := byKind[kind]
			if !ok {
				t.Errorf("no %s uri in the package", kind)
				continue
			}
			if res := s.Get(t, path, ""); res.Status != http.StatusOK {
				t.Errorf("%s: %d", path, res.Status)
			}
		}

		comp := items[1]["identifier"].(string)
		item := s.Get(t, "/ims/case/v1p1/CFItems/"+comp, "").Map(t)
		if link, _ := item["CFDocumentURI"].(map[string]any); link["identifier"] != id {
			t.Errorf("item's document: %v", item)
		}
		for _, path := range []string{"/ims/case/v1p1/CFItems/" + uuid.NewString(), "/ims/case/v1p1/CFPackages/nope", "/ims/case/v1p1/CFRubrics/" + uuid.NewString()} {
			if res := s.Get(t, path, ""); res.Status != http.StatusNotFound {
				t.Errorf("%s: %d", path, res.Status)
			}
		}
	})
}

func importCASE(t *testing.T, db *database.DB, raw []byte) *framework.ImportResult {
	t.Helper()
	res, err := framework.NewService(db).ImportCASE(context.Background(), operator, raw, framework.FormatJSON, false)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res
}

func treeJSON(t *testing.T, db *database.DB, id uuid.UUID) string {
	t.Helper()
	tree, err := framework.NewService(db).Tree(context.Background(), operator, id)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(struct {
		Title, TitleEN, Description, DescriptionEN, Version, Status, Publisher, Language string
		Published                                                                        any
		Domains, Other                                                                   []framework.Node
	}{tree.TitleCS, tree.TitleEN, tree.DescriptionCS, tree.DescriptionEN, tree.Version, tree.Status, tree.Publisher,
		tree.Language, tree.PublishedOn, tree.Domains, tree.Other})
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func canonical(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back any
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	raw, _ = json.MarshalIndent(back, "", " ")
	return string(raw)
}

// TestCASERoundTrip: the SPOD model exported, imported into another database and exported again gives the
// same tree (ids, codes, texts, indicators, sequence) and the same package.
func TestCASERoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		id := uuid.MustParse(shippedSPOD(t))
		first := s.Get(t, "/ims/case/v1p1/CFPackages/"+id.String(), "")

		other := dbtest.Open(t, db.Engine)
		res := importCASE(t, other, first.Body)
		if res.Framework.Status != framework.Published || res.Counts.Competencies != 45 || res.Counts.IndicatorRubrics != 45 {
			t.Fatalf("imported: %+v", res.Counts)
		}
		if a, b := treeJSON(t, db, id), treeJSON(t, other, id); a != b {
			t.Errorf("the imported tree differs from the shipped one:\nshipped  %.2000s\nimported %.2000s", a, b)
		}
		again, err := framework.NewService(other).ExportCASE(context.Background(), id, s.URL, false)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := canonical(t, decode(t, first.Body)), canonical(t, again); a != b {
			t.Errorf("export → import → export changed the package")
			diffLines(t, a, b)
		}
	})
}

func diffLines(t *testing.T, a, b string) {
	t.Helper()
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	shown := 0
	for i := 0; i < len(al) && i < len(bl) && shown < 10; i++ {
		if al[i] != bl[i] {
			t.Logf("line %d:\n  - %s\n  + %s", i, al[i], bl[i])
			shown++
		}
	}
}

// strip leaves out what export makes anew: every uri, and the links back to the document and package.
func strip(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, c := range t {
			if k != "uri" && k != "CFDocumentURI" && k != "CFPackageURI" {
				out[k] = strip(c)
			}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, c := range t {
			out[i] = strip(c)
		}
		return out
	}
	return v
}

func byIdentifier(v any) map[string]any {
	out := map[string]any{}
	for _, m := range list(v) {
		out[m["identifier"].(string)] = strip(m)
	}
	return out
}

// thirdPartyChecks: what else is true of a particular fixture of testdata/packages, beyond the round trip.
var thirdPartyChecks = map[string]func(t *testing.T, res *framework.ImportResult, back map[string]any){
	// OpenSALT's "ordering" test framework: 65 items none of which has a CFItemType, 42 of them with an empty
	// abbreviatedStatement, and 65 isChildOf associations, one with a gap in its siblings' sequenceNumbers.
	"opensalt-test-framework.json": func(t *testing.T, res *framework.ImportResult, back map[string]any) {
		c := res.Counts
		if c.Items != 65 || c.Domains != 0 || c.Competencies != 0 || c.Other != 65 || c.Associations != 65 ||
			c.ChildAssociations != 65 || c.ExternalAssociations != 0 || c.Rubrics != 0 {
			t.Errorf("counts: %+v", c)
		}
		empty := 0
		for _, it := range list(back["CFItems"]) {
			if _, ok := it["CFItemType"]; ok {
				t.Errorf("an item without a type comes back with one: %v", it)
			}
			if v, ok := it["abbreviatedStatement"]; ok && v == "" {
				empty++
			}
		}
		if empty != 42 {
			t.Errorf("%d items give back an empty abbreviatedStatement, want 42", empty)
		}
		seqs := map[string]bool{}
		for _, a := range list(back["CFAssociations"]) {
			if a["associationType"] != "isChildOf" {
				t.Errorf("association %s: %v", a["identifier"], a["associationType"])
			}
			if a["destinationNodeURI"].(map[string]any)["identifier"] == "b7755bae-f058-11e7-83e9-2d6384435f16" {
				seqs[fmt.Sprint(a["sequenceNumber"])] = true
			}
		}
		if len(seqs) != 19 || seqs["7"] || !seqs["6"] || !seqs["8"] || !seqs["20"] {
			t.Errorf("sequence numbers under Level 1: %v", seqs)
		}
	},
}

// TestCASEThirdPartyPackages: real packages from other CASE providers import, and export gives them back: every
// member (unknown ones included), every association (external references included), the definitions.
func TestCASEThirdPartyPackages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "packages", "*.json"))
	if err != nil || len(files) < 2 {
		t.Fatalf("fixtures: %v %v", files, err)
	}
	for name := range thirdPartyChecks {
		if !slices.Contains(files, filepath.Join("testdata", "packages", name)) {
			t.Errorf("fixture %s is missing", name)
		}
	}
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		for _, file := range files {
			t.Run(filepath.Base(file), func(t *testing.T) {
				raw, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				orig := decode(t, raw)
				res := importCASE(t, db, raw)
				if res.Counts.Items != len(list(orig["CFItems"])) || res.Counts.Associations != len(list(orig["CFAssociations"])) {
					t.Errorf("counts: %+v", res.Counts)
				}
				back, err := framework.NewService(db).ExportCASE(context.Background(), res.Framework.ID, "http://rozvoj.test", true)
				if err != nil {
					t.Fatal(err)
				}
				if a, b := canonical(t, strip(orig["CFDocument"])), canonical(t, strip(back["CFDocument"])); a != b {
					t.Errorf("document:\n%s\n%s", a, b)
				}
				for _, part := range []string{"CFItems", "CFAssociations"} {
					want, got := byIdentifier(orig[part]), byIdentifier(back[part])
					if len(want) != len(got) {
						t.Errorf("%s: %d, want %d", part, len(got), len(want))
					}
					for id, w := range want {
						if a, b := canonical(t, w), canonical(t, got[id]); a != b {
							t.Errorf("%s %s:\n%s\n%s", part, id, a, b)
						}
					}
				}
				if a, b := canonical(t, strip(orig["CFDefinitions"])), canonical(t, strip(back["CFDefinitions"])); a != b {
					t.Errorf("definitions:\n%s\n%s", a, b)
				}
				if check := thirdPartyChecks[filepath.Base(file)]; check != nil {
					check(t, res, back)
				}
				// External references keep their own addresses; the package's objects get this server's.
				for _, a := range list(back["CFAssociations"]) {
					dest := a["destinationNodeURI"].(map[string]any)
					inPackage := dest["identifier"] == res.Framework.ID.String() || byIdentifier(back["CFItems"])[dest["identifier"].(string)] != nil
					if got := dest["uri"].(string); inPackage != strings.HasPrefix(got, "http://rozvoj.test/ims/case/v1p1/") {
						t.Errorf("association %s: destination uri %s", a["identifier"], got)
					}
				}
				// And once more: the export imports into another database as the same tree.
				other := dbtest.Open(t, db.Engine)
				rawBack, _ := json.Marshal(back)
				importCASE(t, other, rawBack)
				if a, b := treeJSON(t, db, res.Framework.ID), treeJSON(t, other, res.Framework.ID); a != b {
					t.Errorf("the re-imported tree differs:\n%.1500s\n%.1500s", a, b)
				}
			})
		}
		var external int
		db.NewSelect().Table("framework_associations").ColumnExpr("count(*)").
			Where("type IN ('exactMatchOf', 'exemplar', 'isRelatedTo')").Scan(context.Background(), &external)
		if external == 0 {
			t.Error("no external association was kept")
		}
	})
}

// testPackage is a small package of rozvoj's shape with what other providers send too: another item type, an
// unknown member, a vendor extension, an in-package isPeerOf and an ESCO exactMatchOf.
func testPackage(docID, adoption string) map[string]any {
	d1, c1, c2, o1 := "a1000000-0000-4000-8000-000000000001", "a1000000-0000-4000-8000-000000000002", "a1000000-0000-4000-8000-000000000003", "a1000000-0000-4000-8000-000000000004"
	link := func(id string) map[string]any {
		return map[string]any{"identifier": id, "uri": "https://example.org/" + id, "title": id}
	}
	assoc := func(id, typ, from, to string, seq int) map[string]any {
		a := map[string]any{"identifier": id, "uri": "https://example.org/" + id, "associationType": typ, "originNodeURI": link(from),
			"destinationNodeURI": link(to), "lastChangeDateTime": "2025-01-01T00:00:00Z"}
		if seq > 0 {
			a["sequenceNumber"] = seq
		}
		return a
	}
	level := func(pos int, text string) map[string]any {
		return map[string]any{"identifier": fmt.Sprintf("b1000000-0000-4000-8000-00000000001%d", pos), "uri": "https://example.org/l",
			"position": pos, "description": text, "lastChangeDateTime": "2025-01-01T00:00:00Z"}
	}
	return map[string]any{
		"CFDocument": map[string]any{"identifier": docID, "uri": "https://example.org/doc", "creator": "Kraj", "title": "Testovací model",
			"lastChangeDateTime": "2025-01-01T00:00:00Z", "adoptionStatus": adoption, "language": "cs", "version": "2.0",
			"officialSourceURL": "https://example.org/source"},
		"CFItems": []any{
			map[string]any{"identifier": d1, "uri": "https://example.org/1", "fullStatement": "Oblast jedna", "humanCodingScheme": "X1", "CFItemType": "Domain", "lastChangeDateTime": "2025-01-01T00:00:00Z"},
			map[string]any{"identifier": c1, "uri": "https://example.org/2", "fullStatement": "Popis kompetence", "abbreviatedStatement": "Kompetence", "humanCodingScheme": "X1.1", "CFItemType": "Competency",
				"lastChangeDateTime": "2025-01-01T00:00:00Z", "extensions": map[string]any{"vendor": map[string]any{"weight": 2}, "rozvoj": map[string]any{"name_en": "Competency"}}},
			map[string]any{"identifier": c2, "uri": "https://example.org/3", "fullStatement": "Druhá", "humanCodingScheme": "X1.2", "CFItemType": "Competency", "lastChangeDateTime": "2025-01-01T00:00:00Z", "x-unknown": []any{"kept"}},
			map[string]any{"identifier": o1, "uri": "https://example.org/4", "fullStatement": "Poznámka", "CFItemType": "Note", "lastChangeDateTime": "2025-01-01T00:00:00Z"},
		},
		"CFAssociations": []any{
			assoc("c1000000-0000-4000-8000-000000000001", "isChildOf", d1, docID, 1),
			assoc("c1000000-0000-4000-8000-000000000002", "isChildOf", c1, d1, 1),
			assoc("c1000000-0000-4000-8000-000000000003", "isChildOf", c2, d1, 2),
			assoc("c1000000-0000-4000-8000-000000000004", "isChildOf", o1, docID, 2),
			assoc("c1000000-0000-4000-8000-000000000005", "isPeerOf", c1, c2, 0),
			assoc("c1000000-0000-4000-8000-000000000006", "exactMatchOf", c1, "http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000", 0),
		},
		"CFRubrics": []any{map[string]any{"identifier": "b1000000-0000-4000-8000-000000000001", "uri": "https://example.org/r", "lastChangeDateTime": "2025-01-01T00:00:00Z",
			"CFRubricCriteria": []any{map[string]any{"identifier": "b1000000-0000-4000-8000-000000000002", "uri": "https://example.org/c", "lastChangeDateTime": "2025-01-01T00:00:00Z",
				"CFItemURI":               link(c1),
				"CFRubricCriterionLevels": []any{level(1, "Začíná"), level(2, "Zvládá")}}}}},
	}
}

func jsonBody(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func countRows(t *testing.T, db *database.DB, table string) int {
	t.Helper()
	n, err := db.NewSelect().Table(table).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestCASEImportAPI: who may import, the preview, the import itself in JSON and YAML, a second import of the same
// document, and the CASE API answering for the new framework (a draft never).
func TestCASEImportAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		tokens := w.Tokens(t, s)
		const path = "/api/v1/frameworks/import"
		draftID, pubID := "d1000000-0000-4000-8000-000000000001", "d1000000-0000-4000-8000-000000000002"
		body := jsonBody(t, testPackage(draftID, "Draft"))

		for _, who := range []string{"workerA1", "leadA1", "providerP", "supervisor", "adminA"} {
			if res := s.Post(t, path, tokens[who], body); res.Status != http.StatusForbidden {
				t.Errorf("%s imports: %d", who, res.Status)
			}
		}
		if res := s.Post(t, path, "", body); res.Status != http.StatusUnauthorized {
			t.Errorf("import without signing in: %d", res.Status)
		}

		var preview framework.ImportResult
		res := s.Post(t, path+"?dry_run=true", tokens["methodologistA"], body)
		res.JSON(t, &preview)
		c := preview.Counts
		if res.Status != http.StatusOK || !preview.Valid || len(preview.Problems) != 0 || c.Items != 4 || c.Domains != 1 || c.Competencies != 2 ||
			c.Other != 1 || c.ItemsByType["Note"] != 1 || c.Associations != 6 || c.ChildAssociations != 4 || c.ExternalAssociations != 1 || c.Rubrics != 1 {
			t.Fatalf("preview: %d %s", res.Status, res.Body)
		}
		if countRows(t, db, "frameworks") != 1 {
			t.Fatal("a dry run wrote")
		}

		res = s.Post(t, path, tokens["methodologistB"], body)
		if res.Status != http.StatusCreated || res.Header.Get("Location") != "/api/v1/frameworks/"+draftID {
			t.Fatalf("import: %d %s", res.Status, res.Body)
		}
		var created framework.ImportResult
		res.JSON(t, &created)
		if created.Framework.Status != framework.Draft || created.Framework.Source != "import" || created.Framework.Version != "2.0" {
			t.Errorf("created: %+v", created.Framework)
		}
		if res := s.Post(t, path, tokens["methodologistA"], body); res.Status != http.StatusConflict {
			t.Errorf("the same document again: %d", res.Status)
		}
		res = s.Post(t, path+"?dry_run=true", tokens["methodologistA"], body)
		res.JSON(t, &preview)
		if preview.Valid || len(preview.Problems) != 1 || preview.Problems[0].Code != "exists" {
			t.Errorf("preview of a stored document: %s", res.Body)
		}
		tree := s.Get(t, "/api/v1/frameworks/"+draftID, tokens["methodologistA"]).Map(t)
		if d := tree["domains"].([]any); len(d) != 1 || len(tree["other"].([]any)) != 1 {
			t.Errorf("tree: %v", tree)
		}
		// A draft is never exported.
		if res := s.Get(t, "/ims/case/v1p1/CFPackages/"+draftID, ""); res.Status != http.StatusNotFound {
			t.Errorf("a draft's package: %d", res.Status)
		}
		if strings.Contains(string(s.Get(t, "/ims/case/v1p1/CFDocuments", "").Body), draftID) {
			t.Error("a draft is listed")
		}

		// YAML, by the operator, adopted: published, and the CASE API answers for it.
		raw, err := yaml.Marshal(testPackage(pubID, "Adopted"))
		if err != nil {
			t.Fatal(err)
		}
		res = s.Do(t, apitest.Request{Method: http.MethodPost, Path: path, Token: tokens["admin"], Body: raw,
			Headers: map[string]string{"Content-Type": "application/yaml"}})
		if res.Status != http.StatusCreated {
			t.Fatalf("YAML import: %d %s", res.Status, res.Body)
		}
		pkg := s.Get(t, "/ims/case/v1p1/CFPackages/"+pubID, "").Map(t)
		if doc := pkg["CFDocument"].(map[string]any); doc["adoptionStatus"] != "Adopted" || doc["officialSourceURL"] != "https://example.org/source" {
			t.Errorf("document back: %v", doc)
		}
		items := byIdentifier(pkg["CFItems"])
		comp := items["a1000000-0000-4000-8000-000000000002"].(map[string]any)
		if ext := comp["extensions"].(map[string]any); ext["vendor"] == nil || comp["abbreviatedStatement"] != "Kompetence" {
			t.Errorf("competency back: %v", comp)
		}
		if items["a1000000-0000-4000-8000-000000000003"].(map[string]any)["x-unknown"] == nil {
			t.Error("an unknown member was lost")
		}
		if len(list(pkg["CFRubrics"])) != 1 {
			t.Errorf("rubrics back: %v", pkg["CFRubrics"])
		}
		if res := s.Get(t, "/ims/case/v1p1/CFItems/a1000000-0000-4000-8000-000000000004", ""); res.Status != http.StatusOK {
			t.Errorf("an item of the published import: %d", res.Status)
		}

		if res := s.Do(t, apitest.Request{Method: http.MethodPost, Path: path, Token: tokens["admin"], Body: body,
			Headers: map[string]string{"Content-Type": "text/plain"}}); res.Status != http.StatusUnsupportedMediaType {
			t.Errorf("text/plain: %d", res.Status)
		}
		if res := s.Post(t, path, tokens["admin"], "{not json"); res.Status != http.StatusBadRequest {
			t.Errorf("broken JSON: %d", res.Status)
		}
	})
}

// TestCASEImportProblems: a bad package is refused whole with every problem at its JSON pointer, and nothing is
// written; the dry run lists the same problems.
func TestCASEImportProblems(t *testing.T) {
	const (
		a = "e1000000-0000-4000-8000-000000000001"
		b = "e1000000-0000-4000-8000-000000000002"
		c = "e1000000-0000-4000-8000-000000000003"
		d = "e1000000-0000-4000-8000-000000000004"
	)
	link := func(id string) string { return `{"identifier":"` + id + `","uri":"x","title":"t"}` }
	assoc := func(id, typ, from, to, extra string) string {
		return `{"identifier":"` + id + `","associationType":"` + typ + `","originNodeURI":` + link(from) + `,"destinationNodeURI":` + link(to) + extra + `}`
	}
	bad := `{"CFDocument":{"identifier":"not-a-uuid","title":5},
	  "CFItems":[{"identifier":"` + a + `","fullStatement":"A"},{"identifier":"` + a + `","fullStatement":"A again"},
	    {"identifier":"` + b + `","fullStatement":["a list"]},"a text",{"identifier":"` + c + `","fullStatement":"C"},
	    {"identifier":"` + d + `","fullStatement":"D"},{"identifier":"` + strings.ToUpper(b) + `x","fullStatement":"E"}],
	  "CFAssociations":[` +
		assoc("f1000000-0000-4000-8000-000000000001", "isChildOf", a, "f9999999-0000-4000-8000-000000000000", "") + "," +
		assoc("f1000000-0000-4000-8000-000000000002", "isChildOf", c, d, "") + "," +
		assoc("f1000000-0000-4000-8000-000000000003", "isChildOf", d, c, "") + "," +
		assoc("f1000000-0000-4000-8000-000000000004", "isPeerOf", c, d, `,"sequenceNumber":"first"`) + "," +
		assoc("f1000000-0000-4000-8000-000000000005", "exactMatchOf", c, "http://data.europa.eu/esco/skill/x", "") + `]}`
	want := map[string]string{
		"/CFDocument/identifier":                                "uuid",
		"/CFDocument/title":                                     "type",
		"/CFItems/1/identifier":                                 "unique",
		"/CFItems/2/fullStatement":                              "type",
		"/CFItems/3":                                            "type",
		"/CFItems/6/identifier":                                 "uuid",
		"/CFAssociations/0/destinationNodeURI/identifier":       "unknown_reference",
		"/CFAssociations/3/sequenceNumber":                      "type",
		"/CFAssociations/2":                                     "cycle",
		"/CFAssociations/1/originNodeURI/identifier":            "",
		"/CFAssociations/1/destinationNodeURI/identifier":       "",
		"/CFAssociations/4/destinationNodeURI/identifier(kept)": "",
	}
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		token := s.Login(t, w.MethodologistA.Email, apitest.Password)
		before := [3]int{countRows(t, db, "frameworks"), countRows(t, db, "framework_items"), countRows(t, db, "framework_associations")}

		res := s.Post(t, "/api/v1/frameworks/import", token, bad)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad package: %d %s", res.Status, res.Body)
		}
		var problem struct {
			Errors []framework.ImportProblem `json:"errors"`
		}
		res.JSON(t, &problem)
		got := map[string]string{}
		for _, e := range problem.Errors {
			got[e.Field] = e.Code
		}
		for field, code := range want {
			if code == "" {
				if _, listed := got[field]; listed {
					t.Errorf("%s is fine but listed as %s", field, got[field])
				}
				continue
			}
			if got[field] != code {
				t.Errorf("%s: %q, want %q", field, got[field], code)
			}
		}
		cycles := 0
		for _, e := range problem.Errors {
			if e.Code == "cycle" {
				cycles++
			}
		}
		if cycles != 1 {
			t.Errorf("%d cycle problems, want 1: %v", cycles, problem.Errors)
		}
		after := [3]int{countRows(t, db, "frameworks"), countRows(t, db, "framework_items"), countRows(t, db, "framework_associations")}
		if before != after {
			t.Errorf("a refused package wrote: %v → %v", before, after)
		}

		var preview framework.ImportResult
		s.Post(t, "/api/v1/frameworks/import?dry_run=true", token, bad).JSON(t, &preview)
		if preview.Valid || len(preview.Problems) != len(problem.Errors) {
			t.Errorf("dry run lists %d problems, the import %d", len(preview.Problems), len(problem.Errors))
		}

		for name, tc := range map[string]struct{ body, field, code string }{
			"no document":          {`{"CFItems":[]}`, "/CFDocument", "required"},
			"two documents":        {`{"CFDocument":{"identifier":"` + a + `","title":"x"},"CFDocument":{"identifier":"` + b + `","title":"y"}}`, "/CFDocument", "duplicate"},
			"a list of documents":  {`{"CFDocument":{"identifier":"` + a + `","title":"x"},"CFDocuments":[{},{}]}`, "/CFDocuments", "duplicate"},
			"items not a list":     {`{"CFDocument":{"identifier":"` + a + `","title":"x"},"CFItems":{}}`, "/CFItems", "type"},
			"child outside":        {`{"CFDocument":{"identifier":"` + a + `","title":"x"},"CFAssociations":[` + assoc(b, "isChildOf", c, a, "") + `]}`, "/CFAssociations/0/originNodeURI/identifier", "unknown_reference"},
			"self parent":          {`{"CFDocument":{"identifier":"` + a + `","title":"x"},"CFItems":[{"identifier":"` + c + `","fullStatement":"c"}],"CFAssociations":[` + assoc(b, "isChildOf", c, c, "") + `]}`, "/CFAssociations/0", "cycle"},
			"association no types": {`{"CFDocument":{"identifier":"` + a + `","title":"x"},"CFAssociations":[{"identifier":"` + b + `"}]}`, "/CFAssociations/0/associationType", "required"},
		} {
			t.Run(name, func(t *testing.T) {
				var p framework.ImportResult
				res := s.Post(t, "/api/v1/frameworks/import?dry_run=true", token, tc.body)
				res.JSON(t, &p)
				if !slices.ContainsFunc(p.Problems, func(pr framework.ImportProblem) bool { return pr.Field == tc.field && pr.Code == tc.code }) {
					t.Errorf("want %s %s: %s", tc.field, tc.code, res.Body)
				}
			})
		}
		yamlAlias := "CFDocument: &d {identifier: " + a + ", title: x}\nCFItems: [*d]\n"
		if res := s.Do(t, apitest.Request{Method: http.MethodPost, Path: "/api/v1/frameworks/import", Token: token, Body: yamlAlias,
			Headers: map[string]string{"Content-Type": "application/yaml"}}); res.Status != http.StatusBadRequest {
			t.Errorf("YAML alias: %d", res.Status)
		}
	})
}

// TestBodyLimits: the import takes packages over the normal body limit; every other route keeps it.
func TestBodyLimits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db) // the test configuration's body limit is 64 KiB
		token := s.Login(t, apitest.NewWorld(t, s).MethodologistA.Email, apitest.Password)
		big := generatePackage(uuid.New(), 300)
		if len(big) <= 64<<10 {
			t.Fatalf("the package is only %d bytes", len(big))
		}
		if res := s.Post(t, "/api/v1/frameworks/import", token, big); res.Status != http.StatusCreated {
			t.Errorf("a %d-byte package: %d %.300s", len(big), res.Status, res.Body)
		}
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/v1/auth/login", bytes.NewReader(big))
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("a %d-byte sign-in: %d", len(big), res.StatusCode)
		}
	})
}
