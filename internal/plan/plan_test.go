package plan_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/plan"
)

// TestJourney walks a plan from draft through a return to approved and closed, checking at each step who may see
// and do what, that every bad input is refused naming its field, that a refused change leaves the plan as it
// was, who is notified, and that overdue actions are counted.
func TestJourney(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		cs := e.competencies
		start, end := day(0, -6, 0), day(0, 6, -1) // a year around today, so an action can be late
		const worker, lead = "workerA1", "leadA1"

		// Creating: only a worker, only their own plan, a sound period, one plan per period.
		period := map[string]string{"period_start": start, "period_end": end}
		apitest.Expect(t, e.call(t, "POST", "/api/v1/plans", "supervisor", 0, period), 403, "", "a supervisor plans")
		apitest.Expect(t, e.call(t, "POST", "/api/v1/plans", "leadA1", 0, map[string]string{
			"person_id": e.w.WorkerA1.ID.String(), "period_start": start, "period_end": end}), 403, "", "a lead plans for a member")
		for field, body := range map[string]map[string]string{
			"period_start": {"period_end": end},
			"period_end":   {"period_start": end, "period_end": start},
		} {
			apitest.Expect(t, e.call(t, "POST", "/api/v1/plans", worker, 0, body), 422, field, "bad period "+field)
		}
		apitest.Expect(t, e.call(t, "POST", "/api/v1/plans", worker, 0, map[string]string{"period_start": start, "period_end": day(1, 6, 0)}),
			422, "period_end", "a period over two years")
		p := e.ok(t, "POST", "/api/v1/plans", worker, 0, map[string]string{"period_start": start, "period_end": end, "note": " IPV "}, "create")
		if p.State != "draft" || p.Version != 1 || p.PersonName != "Pracovnice A1" || p.Note != "IPV" || len(p.Goals) != 0 {
			t.Fatalf("new plan: %+v", p)
		}
		apitest.Expect(t, e.call(t, "POST", "/api/v1/plans", worker, 0, map[string]string{"period_start": end, "period_end": day(1, 0, 0)}),
			409, "period_start", "a plan overlapping the last day")
		next := e.ok(t, "POST", "/api/v1/plans", worker, 0, map[string]string{"period_start": day(0, 6, 0), "period_end": day(1, 6, -1)}, "the next period")
		apitest.Expect(t, e.call(t, "PATCH", "/api/v1/plans/"+next.ID, worker, next.Version, map[string]string{"period_start": end}),
			409, "period_start", "move a plan's start into the plan before it")
		path := "/api/v1/plans/" + p.ID

		// A draft is the person's alone.
		for _, who := range []string{"leadA1", "leadB1", "workerA2", "admin", "adminA", "methodologistA", "providerP", "supervisor"} {
			apitest.Expect(t, e.call(t, "GET", path, who, 0, nil), 404, "", who+" reads a draft")
		}
		res := apitest.Expect(t, e.call(t, "POST", path+"/propose", worker, p.Version, nil), 422, "goals", "propose an empty plan")
		apitest.Expect(t, res, 422, "actions", "propose an empty plan")

		// Goals: a competency of the published model, once, at a level 1–4.
		apitest.Expect(t, e.call(t, "POST", path+"/goals", worker, p.Version, goal(uuid.New(), 3)), 422, "competency_id", "an unknown competency")
		apitest.Expect(t, e.call(t, "POST", path+"/goals", worker, p.Version, goal(cs[0], 5)), 422, "target_level", "level 5")
		apitest.Expect(t, e.call(t, "POST", path+"/goals", worker, p.Version, goal(cs[0], 0)), 422, "target_level", "no level")
		apitest.Expect(t, e.call(t, "POST", path+"/goals", "leadA1", p.Version, goal(cs[0], 3)), 404, "", "the lead adds to a draft")
		p = e.ok(t, "POST", path+"/goals", worker, p.Version, goal(cs[0], 3), "add a goal")
		apitest.Expect(t, e.call(t, "POST", path+"/goals", worker, p.Version, goal(cs[0], 2)), 422, "competency_id", "the same competency twice")
		p = e.ok(t, "POST", path+"/goals", worker, p.Version, goal(cs[1], 2), "a second goal")
		g0, g1 := p.Goals[0].ID, p.Goals[1].ID
		p = e.ok(t, "PATCH", path+"/goals/"+g1, worker, p.Version, map[string]any{"target_level": 4}, "raise a target")
		if p.Goals[1].TargetLevel != 4 || p.Goals[0].TargetLevel != 3 {
			t.Fatalf("goals after the patch: %+v", p.Goals)
		}
		apitest.Expect(t, e.call(t, "PATCH", path+"/goals/"+g1, worker, p.Version, map[string]any{"competency_id": cs[0].String()}), 422, "competency_id", "move a goal onto another's competency")
		apitest.Expect(t, e.call(t, "PATCH", path+"/goals/"+uuid.NewString(), worker, p.Version, map[string]any{"target_level": 1}), 404, "", "an unknown goal")

		// Actions: due within the period, serving a goal of this plan.
		apitest.Expect(t, e.call(t, "POST", path+"/actions", worker, p.Version, action("course", "Kurz", day(0, -7, 0))), 422, "due_on", "due before the period")
		apitest.Expect(t, e.call(t, "POST", path+"/actions", worker, p.Version, action("course", "Kurz", day(0, 6, 0))), 422, "due_on", "due after the period")
		apitest.Expect(t, e.call(t, "POST", path+"/actions", worker, p.Version, action("webinar", "Kurz", start)), 422, "kind", "an unknown kind")
		apitest.Expect(t, e.call(t, "POST", path+"/actions", worker, p.Version, action("course", "  ", start)), 422, "title", "a blank title")
		bad := action("course", "Kurz", start)
		bad["goal_id"] = next.ID
		apitest.Expect(t, e.call(t, "POST", path+"/actions", worker, p.Version, bad), 422, "goal_id", "a goal of another plan")
		late := action("course", "Kurz práce s rodinou", day(0, 0, -7))
		late["goal_id"] = g0
		p = e.ok(t, "POST", path+"/actions", worker, p.Version, late, "a course, due last week")
		stay := action("shadowing", "Stáž na OSPOD Beta", end)
		stay["goal_id"] = g1
		p = e.ok(t, "POST", path+"/actions", worker, p.Version, stay, "a stáž at the period's end")
		if len(p.Actions) != 2 || p.Actions[0].DueOn != day(0, 0, -7) || *p.Actions[1].GoalID != g1 {
			t.Fatalf("actions: %+v", p.Actions)
		}
		if p.OverdueActions != 0 || p.Actions[0].Overdue {
			t.Fatalf("a draft's late action counts as overdue: %+v", p)
		}
		// Removing a goal keeps its actions, unlinked.
		p = e.ok(t, "POST", path+"/goals", worker, p.Version, goal(cs[2], 1), "a third goal")
		p = e.ok(t, "POST", path+"/actions", worker, p.Version, map[string]any{"kind": "self_study", "title": "Samostudium", "due_on": start, "goal_id": p.Goals[2].ID}, "self-study")
		p = e.ok(t, "DELETE", path+"/goals/"+p.Goals[2].ID, worker, p.Version, nil, "remove the third goal")
		if len(p.Goals) != 2 || len(p.Actions) != 3 || p.Actions[0].GoalID != nil {
			t.Fatalf("after removing a goal: %+v", p)
		}
		p = e.ok(t, "DELETE", path+"/actions/"+p.Actions[0].ID, worker, p.Version, nil, "remove the self-study")

		// Versions: without If-Match 428, a stale one 409; a refused change saves none of its parts.
		apitest.Expect(t, e.call(t, "PATCH", path, worker, 0, map[string]string{"note": "x"}), 428, "", "no If-Match")
		apitest.Expect(t, e.call(t, "PATCH", path, worker, p.Version-1, map[string]string{"note": "x"}), 409, "", "a stale version")
		apitest.Expect(t, e.call(t, "PATCH", path, worker, p.Version, map[string]string{"note": "nová poznámka", "period_start": day(0, 0, -6)}),
			422, "period_start", "a period that leaves an action out")
		apitest.Expect(t, e.call(t, "PATCH", path+"/actions/"+p.Actions[0].ID, worker, p.Version, map[string]string{"title": "Jiný kurz", "due_on": day(-1, 0, 0)}),
			422, "due_on", "move an action out of the period")
		var unchanged planJSON
		apitest.Expect(t, e.call(t, "GET", path, worker, 0, nil), 200, "", "read").JSON(t, &unchanged)
		if unchanged.Version != p.Version || unchanged.Note != "IPV" || unchanged.Actions[0].Title != "Kurz práce s rodinou" {
			t.Fatalf("a refused change was half-saved: %+v", unchanged)
		}

		// Proposing tells the lead; the lead of another team never learns of the plan.
		p = e.ok(t, "POST", path+"/propose", worker, p.Version, nil, "propose")
		if p.State != "proposed" {
			t.Fatalf("state %s", p.State)
		}
		notices(t, db, p.ID, e.w.LeadA1.ID, "plan.proposed", "/tym/plany/"+p.ID, 1)
		apitest.Expect(t, e.call(t, "GET", path, lead, 0, nil), 200, "", "the lead reads a proposed plan")
		apitest.Expect(t, e.call(t, "GET", path, "leadB1", 0, nil), 404, "", "another team's lead")
		apitest.Expect(t, e.call(t, "POST", path+"/approve", "leadB1", p.Version, map[string]string{}), 404, "", "another team's lead approves")
		apitest.Expect(t, e.call(t, "POST", path+"/approve", worker, p.Version, map[string]string{}), 403, "", "the person approves their own plan")
		apitest.Expect(t, e.call(t, "POST", path+"/goals", worker, p.Version, goal(cs[2], 1)), 409, "", "edit a proposed plan")
		apitest.Expect(t, e.call(t, "PATCH", path, lead, p.Version, map[string]string{"note": "x"}), 403, "", "the lead edits the plan")

		// Returned with a comment, edited, proposed again, approved.
		apitest.Expect(t, e.call(t, "POST", path+"/return", lead, p.Version, map[string]string{"comment": " "}), 422, "comment", "return without a comment")
		p = e.ok(t, "POST", path+"/return", lead, p.Version, map[string]string{"comment": "Přidejte supervizi."}, "return")
		if p.State != "returned" || p.LeadComment != "Přidejte supervizi." {
			t.Fatalf("returned: %+v", p)
		}
		notices(t, db, p.ID, e.w.WorkerA1.ID, "plan.returned", "/muj-plan/"+p.ID, 1)
		apitest.Expect(t, e.call(t, "GET", path, lead, 0, nil), 200, "", "the lead still reads a returned plan")
		apitest.Expect(t, e.call(t, "POST", path+"/approve", lead, p.Version, map[string]string{}), 409, "", "approve a returned plan")
		p = e.ok(t, "POST", path+"/actions", worker, p.Version, action("supervision", "Skupinová supervize", day(0, 2, 0)), "add supervision")
		p = e.ok(t, "POST", path+"/propose", worker, p.Version, nil, "propose again")
		notices(t, db, p.ID, e.w.LeadA1.ID, "plan.proposed", "/tym/plany/"+p.ID, 2)
		p = e.ok(t, "POST", path+"/approve", lead, p.Version, map[string]string{"comment": "Souhlasím."}, "approve")
		if p.State != "approved" || p.ApprovedBy != e.w.LeadA1.ID.String() || p.LeadComment != "Souhlasím." {
			t.Fatalf("approved: %+v", p)
		}
		notices(t, db, p.ID, e.w.WorkerA1.ID, "plan.approved", "/muj-plan/"+p.ID, 1)
		// The approved plan prints for the personnel file, named in Czech.
		if r := e.call(t, "GET", path+"/pdf", worker, 0, nil); r.Status != 200 || !strings.HasPrefix(string(r.Body), "%PDF-") ||
			!strings.Contains(r.Header.Get("Content-Disposition"), `filename="ipv-pracovnice-a1-`) ||
			!strings.Contains(r.Header.Get("Content-Disposition"), "filename*=UTF-8''IPV%20Pracovnice%20A1%20") {
			t.Errorf("print the approved plan: %d %s %.8q", r.Status, r.Header.Get("Content-Disposition"), r.Body)
		}
		apitest.Expect(t, e.call(t, "POST", path+"/goals", worker, p.Version, goal(cs[2], 1)), 409, "", "edit an approved plan")
		apitest.Expect(t, e.call(t, "PATCH", path, worker, p.Version, map[string]string{"note": "x"}), 409, "", "patch an approved plan")
		apitest.Expect(t, e.call(t, "POST", path+"/propose", worker, p.Version, nil), 409, "", "propose an approved plan")

		// The late course is overdue, for the person and the lead, in the plan and in the lists.
		if p.OverdueActions != 1 || !p.Actions[0].Overdue || p.Actions[1].Overdue || p.Actions[2].Overdue {
			t.Fatalf("overdue: %d %+v", p.OverdueActions, p.Actions)
		}
		listed(t, e, "/api/v1/plans?overdue=true", worker, p.ID)
		listed(t, e, "/api/v1/plans?overdue=true&team_id="+e.w.TeamA1.ID.String(), lead, p.ID)
		listed(t, e, "/api/v1/plans?state=approved&person_id="+e.w.WorkerA1.ID.String(), lead, p.ID)
		listed(t, e, "/api/v1/plans?state=draft", lead)
		listed(t, e, "/api/v1/plans", lead, p.ID)
		listed(t, e, "/api/v1/plans", worker, p.ID, next.ID)
		listed(t, e, "/api/v1/plans?team_id="+e.w.TeamB1.ID.String(), lead)
		listed(t, e, "/api/v1/plans", "leadB1")
		apitest.Expect(t, e.call(t, "GET", "/api/v1/plans?overdue=yes", worker, 0, nil), 422, "overdue", "a bad filter")

		// Carrying it out: the lead or the person marks actions done with evidence.
		late0 := path + "/actions/" + p.Actions[0].ID + "/done"
		apitest.Expect(t, e.call(t, "POST", late0, lead, p.Version, map[string]string{"evidence": " "}), 422, "evidence", "done without evidence")
		apitest.Expect(t, e.call(t, "POST", late0, "leadB1", p.Version, map[string]string{"evidence": "x"}), 404, "", "another lead marks done")
		apitest.Expect(t, e.call(t, "POST", path+"/actions/"+uuid.NewString()+"/done", lead, p.Version, map[string]string{"evidence": "x"}), 404, "", "an unknown action")
		p = e.ok(t, "POST", late0, lead, p.Version, map[string]string{"evidence": "Osvědčení č. 12/2026"}, "the lead marks the course done")
		if p.OverdueActions != 0 || p.Actions[0].Overdue || p.Actions[0].DoneAt == nil || *p.Actions[0].DoneBy != e.w.LeadA1.ID.String() {
			t.Fatalf("done: %+v", p)
		}
		apitest.Expect(t, e.call(t, "POST", late0, worker, p.Version, map[string]string{"evidence": "x"}), 409, "", "done twice")
		p = e.ok(t, "DELETE", late0, worker, p.Version, nil, "undo")
		if p.Actions[0].DoneAt != nil || p.Actions[0].Evidence != "" || p.OverdueActions != 1 {
			t.Fatalf("undone: %+v", p)
		}
		p = e.ok(t, "POST", late0, worker, p.Version, map[string]string{"evidence": "Osvědčení č. 12/2026"}, "the person marks it done")

		// Closing: an evaluation, by the person or the lead; then nothing changes.
		apitest.Expect(t, e.call(t, "POST", path+"/close", worker, p.Version, map[string]string{"evaluation": ""}), 422, "evaluation", "close without an evaluation")
		apitest.Expect(t, e.call(t, "POST", path+"/close", "workerA2", p.Version, map[string]string{"evaluation": "x"}), 404, "", "a colleague closes")
		p = e.ok(t, "POST", path+"/close", lead, p.Version, map[string]string{"evaluation": "Cíle splněny, stáž přesunuta."}, "close")
		if p.State != "closed" || p.Evaluation != "Cíle splněny, stáž přesunuta." {
			t.Fatalf("closed: %+v", p)
		}
		for what, r := range map[string][3]string{
			"undo done":   {"DELETE", late0, ""},
			"mark done":   {"POST", path + "/actions/" + p.Actions[1].ID + "/done", `{"evidence":"x"}`},
			"close again": {"POST", path + "/close", `{"evaluation":"x"}`},
			"patch":       {"PATCH", path, `{"note":"x"}`},
			"delete goal": {"DELETE", path + "/goals/" + g0, ""},
		} {
			var body any
			if r[2] != "" {
				body = r[2]
			}
			apitest.Expect(t, e.call(t, r[0], r[1], worker, p.Version, body), 409, "", what+" in a closed plan")
		}

		// A lead who is a member of their own team never approves their own plan.
		own := e.planIn(t, lead, "", "proposed", start, end, end)
		apitest.Expect(t, e.call(t, "POST", "/api/v1/plans/"+own.ID+"/approve", lead, own.Version, map[string]string{}), 403, "", "a lead approves their own plan")
		notices(t, db, own.ID, e.w.LeadA1.ID, "plan.proposed", "/tym/plany/"+own.ID, 0)

		// Every change is in the audit trail.
		n, err := db.NewSelect().Table("audit_log").Where("entity = 'plan' AND entity_id = ?", uuid.MustParse(p.ID)).Count(ctx)
		if err != nil || int(n) != p.Version {
			t.Errorf("audit records: %d %v, want %d (create and one per change)", n, err, p.Version)
		}
	})
}

// notices checks how many notices of a kind about a plan a person has, and where they lead.
func notices(t *testing.T, db *database.DB, planID string, recipient uuid.UUID, kind, link string, want int) {
	t.Helper()
	var links []string
	err := db.NewSelect().Table("notifications").Column("link").
		Where("entity = 'plan' AND entity_id = ? AND recipient_id = ? AND kind = ?", uuid.MustParse(planID), recipient, kind).
		Scan(context.Background(), &links)
	if err != nil || len(links) != want {
		t.Fatalf("%s notices to %s: %v %v, want %d", kind, recipient, links, err, want)
	}
	for _, l := range links {
		if l != link {
			t.Errorf("%s links to %s, want %s", kind, l, link)
		}
	}
}

// listed checks that a list answers exactly these plans, newest first.
func listed(t *testing.T, e *env, path, who string, ids ...string) {
	t.Helper()
	var page struct{ Items []planJSON }
	apitest.Expect(t, e.call(t, "GET", path, who, 0, nil), 200, "", path).JSON(t, &page)
	got := make([]string, len(page.Items))
	for i, p := range page.Items {
		got[i] = p.ID
	}
	newestFirst := make([]string, len(ids))
	for i, id := range ids {
		newestFirst[len(ids)-1-i] = id
	}
	if fmt.Sprint(got) != fmt.Sprint(newestFirst) {
		t.Errorf("%s as %s: %v, want %v", path, who, got, newestFirst)
	}
}

// TestPaging: a lead's list pages through every plan once, with goals and actions on each page.
func TestPaging(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var ids []string
		for i := range 5 {
			from := fmt.Sprintf("%d-01-01", 2030+i)
			p := e.planIn(t, "workerA1", "leadA1", "proposed", from, fmt.Sprintf("%d-12-31", 2030+i), fmt.Sprintf("%d-06-30", 2030+i))
			ids = append(ids, p.ID)
		}
		e.planIn(t, "workerA1", "leadA1", "draft", "2040-01-01", "2040-12-31", "2040-06-30")
		var seen []string
		path := "/api/v1/plans?limit=2"
		for path != "" {
			var page struct {
				Items      []planJSON
				NextCursor *string `json:"next_cursor"`
			}
			apitest.Expect(t, e.call(t, "GET", path, "leadA1", 0, nil), 200, "", path).JSON(t, &page)
			for _, p := range page.Items {
				if len(p.Goals) != 1 || len(p.Actions) != 1 {
					t.Errorf("plan %s on a page: %d goals, %d actions", p.ID, len(p.Goals), len(p.Actions))
				}
				seen = append(seen, p.ID)
			}
			path = ""
			if page.NextCursor != nil {
				path = "/api/v1/plans?limit=2&cursor=" + *page.NextCursor
			}
		}
		if len(seen) != len(ids) || seen[0] != ids[4] || seen[4] != ids[0] {
			t.Errorf("pages: %v, want the five proposed plans newest first %v", seen, ids)
		}
	})
}

// TestConcurrentChanges: people changing one plan at once from the same version — one wins, the others get 409
// and leave nothing behind.
func TestConcurrentChanges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		p := e.planIn(t, "workerA1", "leadA1", "draft", "2030-01-01", "2030-12-31", "2030-06-30")
		id := uuid.MustParse(p.ID)
		svc := plan.NewService(db, directory.NewService(db), framework.NewService(db), assessment.NewService(db, directory.NewService(db), framework.NewService(db)))
		me := &auth.Principal{UserID: e.w.WorkerA1.ID, Grants: []auth.Grant{{Role: auth.Worker}}}
		add := func(version int, title string) error {
			_, err := svc.AddAction(ctx, me, plan.Ref{Plan: id, Version: version},
				plan.ActionInput{Kind: "mentoring", Title: title, DueOn: "2030-03-01"})
			return err
		}
		const n = 8
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { errs[i] = add(p.Version, fmt.Sprintf("Mentoring %d", i)) })
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			} else if !stale(err) {
				t.Errorf("a losing change: %v", err)
			}
		}
		got, err := svc.Get(ctx, me, id)
		if err != nil {
			t.Fatal(err)
		}
		if won != 1 || len(got.Actions) != 2 || got.Version != p.Version+1 {
			t.Fatalf("%d won; the plan has %d actions at version %d, want 1 winner, 2 actions, version %d", won, len(got.Actions), got.Version, p.Version+1)
		}
		if db.Engine != database.Postgres {
			return // SQLite takes the write lock at BEGIN: a change never starts writing before the winner is done
		}

		// On PostgreSQL a change can write its action and only then lose the version, when another transaction
		// holds the plan's row: it must take its action back with it. Hold the row, let the change run into it,
		// then commit another version under it.
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.NewRaw("UPDATE plans SET version = version + 1 WHERE id = ?", id).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		lost := make(chan error, 1)
		go func() { lost <- add(got.Version, "Written, then lost") }()
		for waiting := 0; waiting == 0; {
			if err := db.NewRaw("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE ?",
				"UPDATE%"+p.ID+"%").Scan(ctx, &waiting); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-lost; !stale(err) {
			t.Fatalf("a change that lost after writing: %v", err)
		}
		after, err := svc.Get(ctx, me, id)
		if err != nil || len(after.Actions) != 2 {
			t.Fatalf("the losing change left its action behind: %+v %v", after, err)
		}
	})
}

// stale: the error is the 409 of a version somebody else changed.
func stale(err error) bool {
	var pr *httpx.Problem
	return errors.As(err, &pr) && pr.Status == http.StatusConflict && strings.Contains(pr.Detail, "in the meantime")
}
