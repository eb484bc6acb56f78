package framework_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/competencies"
	"github.com/rozvoj/rozvoj/internal/framework"
)

// testModel writes a small valid model: one domain of four competencies, each with indicators on all levels.
func testModel(frameworkID string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `framework:
  id: %s
  version: "0.1"
  status: published
  published_on: 2026-01-15
  title_cs: Zkušební model
  title_en: Test model
  publisher: test
domains:
  - id: %s
    code: T1
    name_cs: Oblast
    name_en: Domain
    competencies:
`, frameworkID, uuid.NewSHA1(uuid.MustParse(frameworkID), []byte("d")))
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&b, `      - id: %s
        code: T1.%d
        name_cs: Kompetence %d
        name_en: Competency %d
        description_cs: Popis %d
        description_en: Description %d
        indicators:
          1: {cs: ["Začíná %d"], en: ["Starts %d"]}
          2: {cs: ["Sám %d"], en: ["Alone %d"]}
          3: {cs: ["Zkušeně %d", "Radí %d"], en: ["Experienced %d", "Advises %d"]}
          4: {cs: ["Učí %d"], en: ["Teaches %d"]}
`, uuid.NewSHA1(uuid.MustParse(frameworkID), []byte{byte(i)}), i, i, i, i, i, i, i, i, i, i, i, i, i, i, i)
	}
	return b.String()
}

const testFrameworkID = "0b8e4c52-6a1f-4d3e-9c7b-2f5a8d9e1c01"

// testFiles is the test model with a profile for one position, as competencies/ would ship it.
func testFiles() fstest.MapFS {
	return fstest.MapFS{
		"test-0.1.yaml": {Data: []byte(testModel(testFrameworkID))},
		"test-0.1-profiles.yaml": {Data: []byte("framework: " + testFrameworkID + `
profiles:
  - position: ospod-social-worker
    levels: {T1.1: 2, T1.2: 3, T1.3: na, T1.4: 1}
`)},
	}
}

func TestLoadShippedValid(t *testing.T) {
	ms, err := framework.LoadShipped(testFiles())
	if err != nil {
		t.Fatal(err)
	}
	m := ms[0]
	if len(m.Items) != 5 || len(m.Indicators) != 20 || m.Framework.Version != "0.1" || m.Framework.ContentHash == "" {
		t.Errorf("loaded %d items, %d indicators, %+v", len(m.Items), len(m.Indicators), m.Framework)
	}
	levels := m.Profiles["ospod-social-worker"]
	if len(levels) != 4 {
		t.Fatalf("profile levels: %v", levels)
	}
	na := 0
	for _, l := range levels {
		if l == nil {
			na++
		}
	}
	if na != 1 {
		t.Errorf("one competency is not applicable, got %d", na)
	}
}

func TestLoadShippedListsEveryProblem(t *testing.T) {
	bad := testModel(testFrameworkID)
	bad = strings.Replace(bad, "code: T1.2", "code: T1.1", 1)                  // duplicate code
	bad = strings.Replace(bad, `4: {cs: ["Učí 3"], en: ["Teaches 3"]}`, "", 1) // a level missing
	bad = strings.Replace(bad, "name_en: Competency 4", "name_en: ' '", 1)     // empty text
	bad = strings.Replace(bad, `2: {cs: ["Sám 1"], en: ["Alone 1"]}`, `2: {cs: ["Sám 1", "x"], en: ["Alone 1"]}`, 1)
	bad = strings.Replace(bad, "id: "+testFrameworkID, "id: "+strings.ToUpper(testFrameworkID), 1)
	_, err := framework.LoadShipped(fstest.MapFS{"bad.yaml": {Data: []byte(bad)}})
	if err == nil {
		t.Fatal("a bad model loaded")
	}
	for _, want := range []string{"not unique", "level 4 has no indicators", "name_en is empty", "2 Czech but 1 English", "lower case"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
	small := strings.Split(testModel(testFrameworkID), "      - id:")[0] // a domain without competencies
	if _, err := framework.LoadShipped(fstest.MapFS{"small.yaml": {Data: []byte(small)}}); err == nil || !strings.Contains(err.Error(), "4 to 8") {
		t.Errorf("a domain of 0 competencies: %v", err)
	}
	profiles := fstest.MapFS{
		"test-0.1.yaml":          {Data: []byte(testModel(testFrameworkID))},
		"test-0.1-profiles.yaml": {Data: []byte("framework: " + testFrameworkID + "\nprofiles:\n  - position: x\n    levels: {T1.1: 5, T9.9: 1}\n")},
	}
	_, err = framework.LoadShipped(profiles)
	for _, want := range []string{"neither a level", "no competency has the code T9.9", "no expected level for T1.2"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("profile problems do not say %q: %v", want, err)
		}
	}
}

// TestShippedModelsAreValid checks the models the binary ships, as start-up will.
func TestShippedModelsAreValid(t *testing.T) {
	ms, err := framework.LoadShipped(competencies.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if len(m.Profiles) == 0 {
			t.Errorf("%s ships without position profiles", m.Name)
		}
	}
}
