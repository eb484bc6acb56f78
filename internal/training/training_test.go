package training_test

import (
	"slices"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// TestCourses: a provider offers courses with a checked accreditation, competencies and positions; a draft is
// theirs alone; changes carry the version; the catalogue finds courses by word without diacritics, competency,
// form, accreditation, date, place and free seats.
func TestCourses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		c := e.course(t, "Práce s rodinou v krizi", true)
		if c.Version != 1 || len(c.Competencies) != 1 || c.Competencies[0].TargetLevel != 3 || len(c.TargetPositions) != 1 {
			t.Fatalf("created: %+v", c)
		}
		base := map[string]any{"title": "X", "form": "course", "hours": 4}
		with := func(k string, v any) map[string]any { return withField(base, k, v) }
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{
			{with("accreditation_number", "2010/743"), "accreditation_number"},
			{with("accreditation_number", "A2024/12-SP"), "accreditation_number"},
			{with("hours", 0), "hours"},
			{with("form", "webinar"), "form"},
			{with("competencies", []map[string]any{{"competency_id": "01900000-0000-7000-8000-000000000000", "target_level": 2}}), "competencies[0].competency_id"},
			{with("target_positions", []string{"no-such-position"}), "target_positions[0]"},
			{map[string]any{"title": "X", "form": "course", "hours": 4, "accreditation_number": "2010/743-SP",
				"accredited_from": "2024-01-01", "accredited_until": "2023-01-01"}, "accredited_until"},
		} {
			apitest.Expect(t, e.call(t, "POST", "/api/v1/courses", "providerP", 0, bad.body), 422, bad.field, "bad "+bad.field)
		}
		apitest.Expect(t, e.call(t, "POST", "/api/v1/courses", "workerA1", 0, base), 403, "", "a worker offers a course")

		draft := e.course(t, "Supervize v praxi", false)
		apitest.Expect(t, e.call(t, "GET", "/api/v1/courses/"+draft.ID, "workerA1", 0, nil), 404, "", "someone else's draft")
		apitest.Expect(t, e.call(t, "GET", "/api/v1/courses/"+draft.ID, "providerP", 0, nil), 200, "", "own draft")
		apitest.Expect(t, e.call(t, "GET", "/api/v1/courses/"+c.ID, "workerA1", 0, nil), 200, "", "a published course")

		path := "/api/v1/courses/" + c.ID
		apitest.Expect(t, e.call(t, "PATCH", path, "providerP", 0, map[string]any{"title": "Y"}), 428, "", "no If-Match")
		apitest.Expect(t, e.call(t, "PATCH", path, "providerP", 7, map[string]any{"title": "Y"}), 409, "", "stale")
		apitest.Expect(t, e.call(t, "PATCH", path, "workerA1", 1, map[string]any{"title": "Y"}), 403, "", "not the provider")
		apitest.Expect(t, e.call(t, "PATCH", path, "providerP", 1, map[string]any{"accreditation_number": "SP-2010"}), 422, "accreditation_number", "patch bad shape")
		var patched courseJSON
		e.ok(t, "PATCH", path, "providerP", 1, map[string]any{"title": "Práce s rodinou v krizi II", "accreditation_number": "2010/743-SP"}, &patched, "patch")
		if patched.Version != 2 || patched.Title != "Práce s rodinou v krizi II" || *patched.AccreditationNumber != "2010/743-SP" || len(patched.Competencies) != 1 {
			t.Fatalf("patched: %+v", patched)
		}

		e.session(t, c.ID, 30, 10, map[string]any{"place": "Žďár nad Sázavou"})
		other := e.course(t, "Komunikace s dítětem", true)
		e.session(t, other.ID, 60, 1, map[string]any{"place": "Praha"})
		closed := e.course(t, "Uzavřená přihláška", true) // takes no registrations: its deadline has passed
		e.session(t, closed.ID, 3, 10, map[string]any{"registration_deadline": at(-1, 8)})
		var plain courseJSON
		e.ok(t, "POST", "/api/v1/courses", "providerP", 0, map[string]any{"title": "Konference SPOD", "form": "conference", "hours": 6, "published": true}, &plain, "plain")

		search := func(query string, want ...string) {
			t.Helper()
			var page struct{ Items []courseJSON }
			e.ok(t, "GET", "/api/v1/courses?"+query, "workerA1", 0, nil, &page, query)
			var got []string
			for _, c := range page.Items {
				got = append(got, c.ID)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: got %v, want %v", query, got, want)
			}
		}
		search("", c.ID, other.ID, plain.ID, closed.ID) // the draft is not in the worker's catalogue
		search("q=PRACE%20s%20rodinou", c.ID)
		search("q=detem", []string{}...)
		search("q=ditetem", other.ID)
		search("competency_id="+e.competencies[0].String(), c.ID, other.ID, closed.ID)
		search("form=conference", plain.ID)
		search("accredited=true", c.ID, other.ID, closed.ID)
		search("place=zdar", c.ID)
		search("from="+at(50, 0)[:10], other.ID)
		search("to="+at(40, 0)[:10], c.ID, closed.ID)
		search("free=true", c.ID, other.ID)
		search("provider_id="+e.w.Provider.ID.String(), c.ID, other.ID, plain.ID, closed.ID)
		search("provider_id="+e.w.OrgA.ID.String(), []string{}...)
		apitest.Expect(t, e.call(t, "GET", "/api/v1/courses?from=tomorrow", "workerA1", 0, nil), 422, "from", "bad date")
	})
}
