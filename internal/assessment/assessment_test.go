package assessment_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/apitest"
	assess "github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
)

type assessment struct {
	ID      string `json:"id"`
	State   string `json:"state"`
	Version int    `json:"version"`
	Ratings []struct {
		CompetencyID string `json:"competency_id"`
		SelfLevel    *int   `json:"self_level"`
		LeadLevel    *int   `json:"lead_level"`
		AgreedLevel  *int   `json:"agreed_level"`
	} `json:"ratings"`
}

// TestJourney walks an assessment from draft to agreed and back through a return, checking at each step who
// may see and do what, that bad input names its field, and that stale versions are refused.
func TestJourney(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		tok := w.Tokens(t, s)
		worker, lead := tok["workerA1"], tok["leadA1"]
		current, err := framework.NewService(db).CurrentPublished(ctx)
		if err != nil {
			t.Fatal(err)
		}
		competencies, err := framework.NewService(db).CompetencyIDs(ctx, current.ID)
		if err != nil || len(competencies) == 0 {
			t.Fatalf("competencies: %v %v", competencies, err)
		}
		do := func(method, path, token string, version int, body any) *apitest.Response {
			t.Helper()
			h := map[string]string{}
			if version > 0 {
				h["If-Match"] = `"` + strconv.Itoa(version) + `"`
			}
			return s.Do(t, apitest.Request{Method: method, Path: path, Token: token, Body: body, Headers: h})
		}
		want := func(r *apitest.Response, status int, what string) *apitest.Response {
			t.Helper()
			if r.Status != status {
				t.Fatalf("%s: %d %s, want %d", what, r.Status, r.Body, status)
			}
			return r
		}
		var a assessment
		want(s.Post(t, "/api/v1/assessments", tok["supervisor"], nil), 403, "a supervisor starts")
		want(s.Post(t, "/api/v1/assessments", worker, nil), 201, "start").JSON(t, &a)
		want(s.Post(t, "/api/v1/assessments", worker, nil), 409, "a second open assessment")
		path := "/api/v1/assessments/" + a.ID

		// A draft is its author's alone.
		for _, who := range []string{"leadA1", "leadB1", "workerA2", "admin", "adminA", "methodologistA"} {
			want(s.Get(t, path, tok[who]), 404, who+" reads a draft")
		}
		var list struct{ Items []assessment }
		s.Get(t, "/api/v1/assessments", lead).JSON(t, &list)
		if len(list.Items) != 0 {
			t.Errorf("the lead lists a draft: %+v", list.Items)
		}

		rate := func(cid uuid.UUID, level any, na bool) map[string]any {
			return map[string]any{"competency_id": cid.String(), "level": level, "not_applicable": na, "evidence": "Případová konference 3/2026"}
		}
		for name, body := range map[string]map[string]any{
			"ratings[0].level":         {"ratings": []any{rate(competencies[0], 5, false)}},
			"ratings[0].competency_id": {"ratings": []any{rate(uuid.New(), 2, false)}},
			"ratings[1].level":         {"ratings": []any{rate(competencies[0], 2, false), rate(competencies[1], 2, true)}},
		} {
			res := want(do("PUT", path+"/ratings", worker, 1, body), 422, "bad rating "+name)
			if !strings.Contains(string(res.Body), `"field":"`+name+`"`) {
				t.Errorf("bad rating does not name %s: %s", name, res.Body)
			}
		}
		half := []any{}
		for i, cid := range competencies[:len(competencies)/2] {
			half = append(half, rate(cid, 1+i%4, false))
		}
		want(do("PUT", path+"/ratings", worker, 1, map[string]any{"ratings": half}), 200, "autosave half").JSON(t, &a)
		want(do("PUT", path+"/ratings", worker, 1, map[string]any{"ratings": half}), 409, "stale version")
		want(do("POST", path+"/submit", worker, a.Version, nil), 422, "submit half-rated")
		rest := []any{rate(competencies[len(competencies)/2], nil, true)}
		for _, cid := range competencies[len(competencies)/2+1:] {
			rest = append(rest, rate(cid, 3, false))
		}
		want(do("PUT", path+"/ratings", worker, a.Version, map[string]any{"ratings": rest}), 200, "rate the rest").JSON(t, &a)
		want(do("POST", path+"/review", lead, a.Version, map[string]string{}), 404, "review a draft the lead may not know of")
		want(do("POST", path+"/submit", worker, a.Version, nil), 200, "submit").JSON(t, &a)
		if a.State != "submitted" || len(a.Ratings) != len(competencies) {
			t.Fatalf("after submit: %s with %d ratings", a.State, len(a.Ratings))
		}
		want(do("PUT", path+"/ratings", worker, a.Version, map[string]any{"ratings": half}), 409, "rate a submitted assessment")

		// The lead of the worker's team sees and reviews it; another team's lead does not learn it exists.
		want(s.Get(t, path, lead), 200, "the lead reads it")
		want(s.Get(t, path, tok["leadB1"]), 404, "another team's lead")
		s.Get(t, "/api/v1/assessments?team_id="+w.TeamA1.ID.String(), lead).JSON(t, &list)
		if len(list.Items) != 1 {
			t.Errorf("the lead's team list: %d", len(list.Items))
		}
		// The lead's own assessment is theirs to see, but not in the review list (led=true), nor in its file.
		var own assessment
		want(s.Post(t, "/api/v1/assessments", lead, nil), 201, "the lead starts their own").JSON(t, &own)
		s.Get(t, "/api/v1/assessments", lead).JSON(t, &list)
		if len(list.Items) != 2 {
			t.Errorf("the lead's whole list: %d, want their own and the worker's", len(list.Items))
		}
		s.Get(t, "/api/v1/assessments?led=true", lead).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != a.ID {
			t.Errorf("the lead's review list: %+v, want only the worker's", list.Items)
		}
		if rows := s.Get(t, "/api/v1/assessments?led=true&format=csv", lead).CSV(t, ','); len(rows) != 2 {
			t.Errorf("the review list's file: %q, want a header and the worker's row", rows)
		}
		apitest.Expect(t, s.Get(t, "/api/v1/assessments?led=maybe", lead), 422, "led", "led is a boolean")
		proposal := map[string]any{"proposals": []any{map[string]any{"competency_id": competencies[0].String(), "level": 4, "comment": "Vede případové konference samostatně."}}}
		want(do("PUT", path+"/proposals", worker, a.Version, proposal), 403, "the worker proposes")
		want(do("PUT", path+"/proposals", lead, a.Version, proposal), 200, "the lead proposes").JSON(t, &a)
		want(do("POST", path+"/agree", worker, a.Version, nil), 409, "agree before review")
		want(s.Get(t, path+"/pdf", worker), 409, "print before agreement")
		want(do("POST", path+"/review", lead, a.Version, map[string]string{"comment": "Dobrá práce."}), 200, "review").JSON(t, &a)
		want(do("POST", path+"/agree", worker, a.Version, nil), 200, "agree").JSON(t, &a)
		want(do("POST", path+"/agree", worker, a.Version, nil), 409, "agree twice")
		want(do("POST", path+"/return", lead, a.Version, map[string]string{"comment": "x"}), 409, "return an agreed assessment")
		if a.State != "agreed" {
			t.Fatalf("state %s", a.State)
		}
		// The agreed assessment prints for the personnel file, for the worker and the lead only.
		for who, status := range map[string]int{"workerA1": 200, "leadA1": 200, "leadB1": 404, "adminA": 404, "methodologistA": 404} {
			r := want(s.Get(t, path+"/pdf", tok[who]), status, who+" prints")
			if status == 200 && (!strings.HasPrefix(string(r.Body), "%PDF-") || r.Header.Get("Content-Type") != "application/pdf" ||
				!strings.Contains(r.Header.Get("Content-Disposition"), `filename="sebehodnoceni-pracovnice-a1-`) ||
				!strings.Contains(r.Header.Get("Content-Disposition"), "filename*=UTF-8''Sebehodnocen%C3%AD%20Pracovnice%20A1")) {
				t.Errorf("%s: not a named PDF: %s %s %.8q", who, r.Header.Get("Content-Type"), r.Header.Get("Content-Disposition"), r.Body)
			}
		}
		agreed := map[string]*int{}
		for _, r := range a.Ratings {
			agreed[r.CompetencyID] = r.AgreedLevel
		}
		if l := agreed[competencies[0].String()]; l == nil || *l != 4 {
			t.Errorf("the lead's proposal is not the agreed level: %v", l)
		}
		if l := agreed[competencies[1].String()]; l == nil || *l != 2 {
			t.Errorf("the worker's own rating does not stand where the lead proposed nothing: %v", l)
		}
		if agreed[competencies[len(competencies)/2].String()] != nil {
			t.Error("a not-applicable competency got an agreed level")
		}

		// A new assessment can be returned with a comment and resubmitted.
		var b assessment
		want(s.Post(t, "/api/v1/assessments", worker, nil), 201, "start again").JSON(t, &b)
		all := append(append([]any{}, half...), rest...)
		want(do("PUT", "/api/v1/assessments/"+b.ID+"/ratings", worker, 1, map[string]any{"ratings": all}), 200, "rate all").JSON(t, &b)
		want(do("POST", "/api/v1/assessments/"+b.ID+"/submit", worker, b.Version, nil), 200, "submit again").JSON(t, &b)
		want(do("POST", "/api/v1/assessments/"+b.ID+"/return", lead, b.Version, map[string]string{}), 422, "return without a comment")
		want(do("POST", "/api/v1/assessments/"+b.ID+"/return", lead, b.Version, map[string]string{"comment": "Doplňte doklady u K2."}), 200, "return").JSON(t, &b)
		want(s.Get(t, "/api/v1/assessments/"+b.ID, lead), 200, "the lead still reads a returned assessment")
		want(do("POST", "/api/v1/assessments/"+b.ID+"/submit", worker, b.Version, nil), 200, "resubmit")

		// Every transition is in the audit trail with who did it.
		n, err := db.NewSelect().Table("audit_log").Where("entity = 'assessment' AND entity_id = ?", a.ID).Count(ctx)
		if err != nil || n != 7 { // start, two autosaves, submit, propose, review, agree
			t.Errorf("audit records of the first assessment: %d %v", n, err)
		}

		// The lead heard of each submission, the worker of the review and of the return.
		for _, c := range []struct {
			kind      string
			recipient uuid.UUID
			want      int
		}{{"assessment.submitted", w.LeadA1.ID, 3}, {"assessment.reviewed", w.WorkerA1.ID, 1},
			{"assessment.returned", w.WorkerA1.ID, 1}, {"assessment.submitted", w.LeadB1.ID, 0}} {
			if n := notices(t, db, c.kind, c.recipient); n != c.want {
				t.Errorf("%s notices to %s: %d, want %d", c.kind, c.recipient, n, c.want)
			}
		}
	})
}

func notices(t *testing.T, db bun.IDB, kind string, recipient uuid.UUID) int {
	t.Helper()
	n, err := db.NewSelect().Table("notifications").Where("kind = ? AND recipient_id = ?", kind, recipient).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestRemindDue reminds the workers whose assessment falls due within 30 days or is late, once per due day,
// and leaves alone those not due yet and those who have started.
func TestRemindDue(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		soon := database.Date{Time: time.Now().UTC().AddDate(0, 0, 20)}
		set := func(id uuid.UUID, column string, d database.Date) {
			if _, err := db.NewUpdate().Table("users").Set("? = ?", bun.Ident(column), d).Where("id = ?", id).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		set(w.WorkerB1.ID, "hired_on", database.NewDate(2020, 1, 15)) // late since 2021
		set(w.WorkerA2.ID, "probation_end", soon)                     // first one at the end of probation
		set(w.LeadA1.ID, "hired_on", database.NewDate(2020, 1, 15))   // late, but has started
		lead := s.Login(t, w.LeadA1.Email, apitest.Password)
		if r := s.Post(t, "/api/v1/assessments", lead, nil); r.Status != 201 {
			t.Fatalf("start: %d", r.Status)
		}
		// Started late, it keeps the day it was due and lists as overdue, not as due soon.
		for due, want := range map[string]int{"overdue": 1, "soon": 0} {
			var list struct {
				Items []struct {
					DueOn string `json:"due_on"`
				}
			}
			s.Get(t, "/api/v1/assessments?due="+due, lead).JSON(t, &list)
			if len(list.Items) != want || (want == 1 && list.Items[0].DueOn != "2021-01-15") {
				t.Errorf("?due=%s: %+v, want %d", due, list.Items, want)
			}
		}
		svc := assess.NewService(db, directory.NewService(db), framework.NewService(db))
		for range 2 {
			if err := svc.RemindDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for who, want := range map[uuid.UUID]int{w.WorkerB1.ID: 1, w.WorkerA2.ID: 1, w.LeadA1.ID: 0, w.WorkerA1.ID: 0, w.Supervisor.ID: 0} {
			if n := notices(t, db, "assessment.due", who); n != want {
				t.Errorf("due reminders to %s: %d, want %d", who, n, want)
			}
		}
		var params string
		if err := db.NewSelect().Table("notifications").Column("params").Where("recipient_id = ?", w.WorkerA2.ID).Scan(ctx, &params); err != nil || !strings.Contains(params, soon.String()) {
			t.Errorf("the reminder does not name the due day %s: %s %v", soon, params, err)
		}
	})
}

// TestConcurrentAutosaves sends a burst of autosaves of one version at once: exactly one wins, the others are
// told their version is stale, and none waits on the connection pool until it fails. (When a change still asked
// the directory inside its transaction, SQLite's four connections were held by transactions each waiting for
// another, and this burst ended in 500s after the busy timeout.)
func TestConcurrentAutosaves(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		token := s.Login(t, w.WorkerA1.Email, apitest.Password)
		current, err := framework.NewService(db).CurrentPublished(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		competencies, err := framework.NewService(db).CompetencyIDs(context.Background(), current.ID)
		if err != nil {
			t.Fatal(err)
		}
		var a assessment
		s.Post(t, "/api/v1/assessments", token, nil).JSON(t, &a)
		const burst = 48
		statuses := make(chan int, burst)
		var wg sync.WaitGroup
		for i := range burst {
			wg.Go(func() {
				body := map[string]any{"ratings": []any{map[string]any{"competency_id": competencies[i%len(competencies)].String(), "level": 1 + i%4}}}
				r := s.Do(t, apitest.Request{Method: "PUT", Path: "/api/v1/assessments/" + a.ID + "/ratings", Token: token, Body: body,
					Headers: map[string]string{"If-Match": `"1"`}})
				statuses <- r.Status
			})
		}
		wg.Wait()
		close(statuses)
		count := map[int]int{}
		for st := range statuses {
			count[st]++
		}
		if count[200] != 1 || count[409] != burst-1 {
			t.Errorf("statuses of %d concurrent autosaves: %v, want one 200 and the rest 409", burst, count)
		}
	})
}
