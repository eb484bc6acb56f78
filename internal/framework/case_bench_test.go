package framework_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/framework"
)

// generatePackage makes a CASE package of n items shaped like rozvoj's: domains of 24 competencies, each
// competency with a rubric of 2 indicators on each of the 4 levels, and an ESCO link on every tenth.
func generatePackage(docID uuid.UUID, n int) []byte {
	id := func(what string, i int) string {
		return uuid.NewSHA1(docID, fmt.Appendf(nil, "%s %d", what, i)).String()
	}
	link := func(ident string) map[string]any {
		return map[string]any{"identifier": ident, "uri": "https://example.org/" + ident, "title": ident}
	}
	const changed = "2025-06-01T10:00:00Z"
	var items, assocs, rubrics []any
	domain := ""
	domains, inDomain := 0, 0
	for i := 0; i < n; i++ {
		if domain == "" || inDomain == 24 {
			domains++
			domain, inDomain = id("item", i), 0
			items = append(items, map[string]any{"identifier": domain, "uri": "https://example.org/i", "CFItemType": "Domain",
				"humanCodingScheme": fmt.Sprintf("G%d", domains), "fullStatement": fmt.Sprintf("Oblast %d", domains), "lastChangeDateTime": changed})
			assocs = append(assocs, map[string]any{"identifier": id("child", i), "uri": "https://example.org/a", "associationType": "isChildOf",
				"sequenceNumber": domains, "originNodeURI": link(domain), "destinationNodeURI": link(docID.String()), "lastChangeDateTime": changed})
			continue
		}
		inDomain++
		comp := id("item", i)
		items = append(items, map[string]any{"identifier": comp, "uri": "https://example.org/i", "CFItemType": "Competency",
			"humanCodingScheme": fmt.Sprintf("G%d.%d", domains, inDomain), "abbreviatedStatement": fmt.Sprintf("Kompetence %d.%d", domains, inDomain),
			"fullStatement": strings.Repeat("Popis chování pracovníka v situaci ohrožení dítěte. ", 3), "lastChangeDateTime": changed,
			"extensions": map[string]any{"rozvoj": map[string]any{"name_en": "Competency", "description_en": "Description"}}})
		assocs = append(assocs, map[string]any{"identifier": id("child", i), "uri": "https://example.org/a", "associationType": "isChildOf",
			"sequenceNumber": inDomain, "originNodeURI": link(comp), "destinationNodeURI": link(domain), "lastChangeDateTime": changed})
		if i%10 == 0 {
			assocs = append(assocs, map[string]any{"identifier": id("esco", i), "uri": "https://example.org/a", "associationType": "exactMatchOf",
				"originNodeURI": link(comp), "destinationNodeURI": link("http://data.europa.eu/esco/occupation/" + id("occupation", i)), "lastChangeDateTime": changed})
		}
		var levels []any
		for l := 1; l <= 4; l++ {
			levels = append(levels, map[string]any{"identifier": id(fmt.Sprintf("level%d", l), i), "uri": "https://example.org/l",
				"description": "Indikátor jedna\nIndikátor dva", "quality": []string{"", "Začínající", "Samostatný", "Zkušený", "Expert"}[l],
				"score": l, "position": l, "rubricCriterionId": id("criterion", i), "lastChangeDateTime": changed,
				"extensions": []any{map[string]any{"rozvoj": map[string]any{"indicators_cs": []any{"Indikátor jedna", "Indikátor dva"}, "indicators_en": []any{"One", "Two"}}}}})
		}
		rubrics = append(rubrics, map[string]any{"identifier": id("rubric", i), "uri": "https://example.org/r", "lastChangeDateTime": changed,
			"title":       fmt.Sprintf("G%d.%d Kompetence %d.%d", domains, inDomain, domains, inDomain),
			"description": "Behaviorální indikátory podle úrovní: 1 Začínající, 2 Samostatný, 3 Zkušený, 4 Expert.",
			"CFRubricCriteria": []any{map[string]any{"identifier": id("criterion", i), "uri": "https://example.org/c", "lastChangeDateTime": changed,
				"category": "Behaviorální indikátory", "description": fmt.Sprintf("Kompetence %d.%d", domains, inDomain), "position": 1, "rubricId": id("rubric", i),
				"CFItemURI":               map[string]any{"title": fmt.Sprintf("Kompetence %d.%d", domains, inDomain), "identifier": comp, "uri": "https://example.org/i"},
				"CFRubricCriterionLevels": levels}}})
	}
	raw, err := json.Marshal(map[string]any{
		"CFDocument": map[string]any{"identifier": docID.String(), "uri": "https://example.org/d", "creator": "Benchmark", "title": "Model o tisíci položkách",
			"lastChangeDateTime": changed, "adoptionStatus": "Draft", "language": "cs"},
		"CFItems": items, "CFAssociations": assocs, "CFRubrics": rubrics,
	})
	if err != nil {
		panic(err)
	}
	return raw
}

// benchDB opens a fresh migrated database for a benchmark (dbtest.Open takes a *testing.T).
// BenchmarkImport1000 imports a 1,000-item package (40 domains, 960 competencies with 7,680 indicators, 96 ESCO
// links): parse, check, map and store in one transaction. PRODUCT.md §6 asks for under 2 s on PostgreSQL.
func BenchmarkImport1000(b *testing.B) {
	for _, engine := range dbtest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			db := dbtest.Open(b, engine)
			svc := framework.NewService(db)
			ctx := context.Background()
			for b.Loop() {
				b.StopTimer()
				raw := generatePackage(uuid.New(), 1000)
				b.StartTimer()
				res, err := svc.ImportCASE(ctx, operator, raw, framework.FormatJSON, false)
				if err != nil {
					b.Fatal(err)
				}
				if res.Counts.Items != 1000 || res.Counts.Indicators != 7680 {
					b.Fatalf("imported %+v", res.Counts)
				}
			}
		})
	}
}
