package calendar_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/app"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/framework"
)

// The contract check reads a feed's body as an opaque string; its content is these tests' business.
func init() { openapi3filter.RegisterBodyDecoder("text/calendar", openapi3filter.FileBodyDecoder) }

var prague = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Prague")
	if err != nil {
		panic(err)
	}
	return loc
}()

type env struct {
	s   *apitest.Server
	db  *database.DB
	w   *apitest.World
	tok map[string]string
}

func newEnv(t *testing.T, db *database.DB) *env {
	t.Helper()
	s := apitest.Start(t, db)
	w := apitest.NewWorld(t, s)
	return &env{s: s, db: db, w: w, tok: w.Tokens(t, s)}
}

// ok sends a request as a fixture person ("" for nobody), with If-Match when version > 0, which must answer
// want; out, when given, takes the JSON answer.
func (e *env) ok(t *testing.T, method, path, who string, version int, body, out any, want int) *apitest.Response {
	t.Helper()
	r := e.s.Versioned(t, method, path, e.tok[who], version, body)
	apitest.Expect(t, r, want, "", method+" "+path+" as "+who)
	if out != nil {
		r.JSON(t, out)
	}
	return r
}

type feedJSON struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	URL        string  `json:"url"`
	LastUsedAt *string `json:"last_used_at"`
}

type sessionJSON struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
}

// feedPath is the path of a feed's URL on the test server.
func feedPath(t *testing.T, f feedJSON) string {
	t.Helper()
	i := strings.Index(f.URL, "/api/v1/calendar/")
	if i < 0 || !strings.HasSuffix(f.URL, ".ics") {
		t.Fatalf("feed URL %q", f.URL)
	}
	return f.URL[i:]
}

// lastSunday is the last Sunday of a month at 09:00 in Prague: the days the clocks change.
func lastSunday(year int, month time.Month) time.Time {
	d := time.Date(year, month+1, 0, 9, 0, 0, 0, prague)
	return d.AddDate(0, 0, -int(d.Weekday()))
}

// course makes a published course of the fixture provider and a session at start, three hours long.
func (e *env) course(t *testing.T, title string, published bool) string {
	t.Helper()
	ctx := context.Background()
	fw := framework.NewService(e.db)
	current, err := fw.CurrentPublished(ctx)
	if err != nil {
		t.Fatal(err)
	}
	competencies, err := fw.CompetencyIDs(ctx, current.ID)
	if err != nil || len(competencies) == 0 {
		t.Fatalf("competencies: %v %v", competencies, err)
	}
	var c struct {
		ID string `json:"id"`
	}
	e.ok(t, "POST", "/api/v1/courses", "providerP", 0, map[string]any{
		"title": title, "description": "Kurz pro OSPOD", "form": "course", "hours": 8, "published": published,
		"competencies": []map[string]any{{"competency_id": competencies[0].String(), "target_level": 3}},
	}, &c, http.StatusCreated)
	return c.ID
}

func (e *env) session(t *testing.T, courseID string, start time.Time, capacity int) sessionJSON {
	t.Helper()
	var s sessionJSON
	e.ok(t, "POST", "/api/v1/courses/"+courseID+"/sessions", "providerP", 0, map[string]any{
		"starts_at": start.Format(time.RFC3339), "ends_at": start.Add(3 * time.Hour).Format(time.RFC3339),
		"place": "Brno, Kounicova 10", "capacity": capacity,
	}, &s, http.StatusCreated)
	return s
}

// fetch gets a feed, checks how it is served, and parses it with a parser independent of the one that wrote it.
func (e *env) fetch(t *testing.T, path string) (*ics.Calendar, string) {
	t.Helper()
	r := e.s.Get(t, path, "")
	apitest.Expect(t, r, http.StatusOK, "", "feed")
	if ct := r.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cc := r.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "private") {
		t.Errorf("Cache-Control %q", cc)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, r.Body)
	}
	return cal, string(r.Body)
}

// events are a calendar's events by UID.
func events(cal *ics.Calendar) map[string]*ics.VEvent {
	out := map[string]*ics.VEvent{}
	for _, ev := range cal.Events() {
		out[ev.Id()] = ev
	}
	return out
}

func prop(ev *ics.VEvent, p ics.ComponentProperty) string {
	if v := ev.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func uid(s sessionJSON) string { return "training-session-" + s.ID + "@rozvoj" }

// TestFeed: a worker's feed holds the sessions she has a place at, in Prague time across both clock changes,
// stable from fetch to fetch; an edit bumps SEQUENCE, a cancellation keeps the session as CANCELLED; a waitlisted
// place is TENTATIVE; the provider's feed holds every session of its courses; nobody's name or e-mail is in it.
func TestFeed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		year := time.Now().Year() + 1
		autumn, spring := lastSunday(year, time.October), lastSunday(year+1, time.March)
		course := e.course(t, "Práce s rodinou", true)
		oct := e.session(t, course, autumn, 10)
		mar := e.session(t, course, spring, 1)
		unrelated := e.session(t, course, autumn.AddDate(0, 0, 7), 10)
		for _, s := range []sessionJSON{oct, mar} {
			e.ok(t, "POST", "/api/v1/sessions/"+s.ID+"/registrations", "workerA1", 0, map[string]any{}, nil, http.StatusCreated)
		}
		// Pracovnice A2 takes the March seat's waitlist.
		e.ok(t, "POST", "/api/v1/sessions/"+mar.ID+"/registrations", "workerA2", 0, map[string]any{}, nil, http.StatusCreated)

		var mine, hers, provider feedJSON
		e.ok(t, "POST", "/api/v1/calendar/feeds", "workerA1", 0, map[string]any{"name": "Telefon"}, &mine, http.StatusCreated)
		e.ok(t, "POST", "/api/v1/calendar/feeds", "workerA2", 0, map[string]any{"name": "Počítač"}, &hers, http.StatusCreated)
		e.ok(t, "POST", "/api/v1/calendar/feeds", "providerP", 0, map[string]any{"name": "Lektor"}, &provider, http.StatusCreated)

		cal, body := e.fetch(t, feedPath(t, mine))
		tzs := cal.Timezones()
		if len(tzs) != 1 || tzs[0].GetProperty(ics.ComponentPropertyTzid).Value != "Europe/Prague" || !strings.Contains(body, "BEGIN:DAYLIGHT") || !strings.Contains(body, "BEGIN:STANDARD") {
			t.Fatalf("VTIMEZONE: %d zones\n%s", len(tzs), body)
		}
		refresh, ttl := false, false
		for _, p := range cal.CalendarProperties {
			refresh = refresh || (p.IANAToken == "REFRESH-INTERVAL" && p.Value == "PT1H" && strings.Join(p.ICalParameters["VALUE"], "") == "DURATION")
			ttl = ttl || (p.IANAToken == "X-PUBLISHED-TTL" && p.Value == "PT1H")
		}
		if !refresh || !ttl {
			t.Errorf("REFRESH-INTERVAL %v, X-PUBLISHED-TTL %v\n%s", refresh, ttl, body)
		}
		evs := events(cal)
		if len(evs) != 2 || evs[uid(oct)] == nil || evs[uid(mar)] == nil {
			t.Fatalf("the worker's feed has %v, want her two sessions", evs)
		}
		for _, c := range []struct {
			s    sessionJSON
			when time.Time
		}{{oct, autumn}, {mar, spring}} {
			ev := evs[uid(c.s)]
			start, err := ev.GetStartAt()
			if err != nil {
				t.Fatal(err)
			}
			if p := ev.GetProperty(ics.ComponentPropertyDtStart); strings.Join(p.ICalParameters["TZID"], "") != "Europe/Prague" {
				t.Errorf("DTSTART without TZID: %v", p)
			}
			if !start.Equal(c.when) || start.Hour() != 9 || start.In(prague).Hour() != 9 {
				t.Errorf("%s starts %v, want %v (09:00 in Prague)", c.s.ID, start, c.when)
			}
			if end, err := ev.GetEndAt(); err != nil || !end.Equal(c.when.Add(3*time.Hour)) {
				t.Errorf("%s ends %v %v", c.s.ID, end, err)
			}
			if _, err := ev.GetDtStampTime(); err != nil {
				t.Errorf("DTSTAMP: %v", err)
			}
			// A confirmed place: the session's version less one, plus one for the place (see the waitlist below).
			if prop(ev, ics.ComponentPropertySequence) != "1" || prop(ev, ics.ComponentPropertyStatus) != "CONFIRMED" ||
				prop(ev, ics.ComponentPropertySummary) != "Práce s rodinou" || prop(ev, ics.ComponentPropertyLocation) != "Brno, Kounicova 10" {
				t.Errorf("event %s: %v", c.s.ID, ev.Properties)
			}
			if !strings.HasSuffix(prop(ev, ics.ComponentPropertyUrl), "/katalog/terminy/"+c.s.ID) {
				t.Errorf("URL %q", prop(ev, ics.ComponentPropertyUrl))
			}
		}
		// The UTC instants differ by the clock change; the wall-clock times written are both 09:00.
		if !strings.Contains(body, fmt.Sprintf("DTSTART;TZID=Europe/Prague:%s", autumn.Format("20060102T150405"))) ||
			!strings.Contains(body, fmt.Sprintf("DTSTART;TZID=Europe/Prague:%s", spring.Format("20060102T150405"))) {
			t.Errorf("local times:\n%s", body)
		}
		for _, u := range e.w.People() {
			if strings.Contains(body, u.Email) || strings.Contains(body, u.Name) {
				t.Errorf("the feed names %s", u.Name)
			}
		}

		if _, again := e.fetch(t, feedPath(t, mine)); again != body {
			t.Errorf("two fetches differ:\n%s\n---\n%s", body, again)
		}

		// Her colleague is on the March waitlist: tentative, said so in the title.
		herCal, _ := e.fetch(t, feedPath(t, hers))
		herEvs := events(herCal)
		if ev := herEvs[uid(mar)]; len(herEvs) != 1 || ev == nil || prop(ev, ics.ComponentPropertyStatus) != "TENTATIVE" ||
			prop(ev, ics.ComponentPropertySequence) != "0" || !strings.Contains(prop(ev, ics.ComponentPropertySummary), "čekací listina") {
			t.Errorf("waitlisted feed: %v", herEvs)
		}

		// The provider runs all three; its links open the provider's page.
		provCal, _ := e.fetch(t, feedPath(t, provider))
		provEvs := events(provCal)
		if len(provEvs) != 3 || provEvs[uid(unrelated)] == nil ||
			!strings.Contains(prop(provEvs[uid(oct)], ics.ComponentPropertyUrl), "/moje-kurzy/terminy/") {
			t.Errorf("provider's feed: %v", provEvs)
		}

		// An edit of the October session bumps its SEQUENCE; cancelling March keeps it, cancelled.
		e.ok(t, "PATCH", "/api/v1/sessions/"+oct.ID, "providerP", oct.Version, map[string]any{"place": "Brno, Cejl 20"}, nil, http.StatusOK)
		var cancelled sessionJSON
		e.ok(t, "POST", "/api/v1/sessions/"+mar.ID+"/cancel", "providerP", mar.Version, nil, &cancelled, http.StatusOK)
		cal, _ = e.fetch(t, feedPath(t, mine))
		evs = events(cal)
		if ev := evs[uid(oct)]; ev == nil || prop(ev, ics.ComponentPropertySequence) != "2" || prop(ev, ics.ComponentPropertyLocation) != "Brno, Cejl 20" {
			t.Errorf("after the edit: %v", ev)
		}
		if ev := evs[uid(mar)]; ev == nil || prop(ev, ics.ComponentPropertyStatus) != "CANCELLED" ||
			prop(ev, ics.ComponentPropertySequence) != fmt.Sprint(cancelled.Version) || cancelled.Version < 2 {
			t.Errorf("after the cancellation: %v", ev)
		}

		// A fetch is remembered as the feed's last use; the token never comes back in the list.
		var listed []feedJSON
		e.ok(t, "GET", "/api/v1/calendar/feeds", "workerA1", 0, nil, &listed, http.StatusOK)
		if len(listed) != 1 || listed[0].LastUsedAt == nil || listed[0].URL != "" {
			t.Errorf("listed: %+v", listed)
		}

		// A place promoted from the waitlist is a change: TENTATIVE becomes CONFIRMED with a higher SEQUENCE, which
		// calendar apps need to take the new status rather than keep the old one.
		may := e.session(t, course, spring.AddDate(0, 1, 0), 1)
		var seat struct{ ID string }
		e.ok(t, "POST", "/api/v1/sessions/"+may.ID+"/registrations", "workerA1", 0, map[string]any{}, &seat, http.StatusCreated)
		e.ok(t, "POST", "/api/v1/sessions/"+may.ID+"/registrations", "workerA2", 0, map[string]any{}, nil, http.StatusCreated)
		herCal, _ = e.fetch(t, feedPath(t, hers))
		waiting := events(herCal)[uid(may)]
		e.ok(t, "DELETE", "/api/v1/registrations/"+seat.ID, "workerA1", 0, nil, nil, http.StatusOK)
		herCal, _ = e.fetch(t, feedPath(t, hers))
		promoted := events(herCal)[uid(may)]
		seq := func(ev *ics.VEvent) int {
			n, _ := strconv.Atoi(prop(ev, ics.ComponentPropertySequence))
			return n
		}
		if waiting == nil || promoted == nil || prop(waiting, ics.ComponentPropertyStatus) != "TENTATIVE" ||
			prop(promoted, ics.ComponentPropertyStatus) != "CONFIRMED" || seq(promoted) <= seq(waiting) {
			t.Errorf("the promotion: waiting %v, promoted %v", waiting, promoted)
		}
	})
}

// TestSessionDownload: a session as a single .ics, for whoever may see it.
func TestSessionDownload(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		start := lastSunday(time.Now().Year()+1, time.October)
		published := e.session(t, e.course(t, "Práce s rodinou", true), start, 5)
		draft := e.session(t, e.course(t, "Připravovaný kurz", false), start, 5)
		for _, who := range e.w.Names() {
			r := e.ok(t, "GET", "/api/v1/sessions/"+published.ID+"/ics", who, 0, nil, nil, http.StatusOK)
			cal, err := ics.ParseCalendar(bytes.NewReader(r.Body))
			if err != nil || len(cal.Events()) != 1 || cal.Events()[0].Id() != uid(published) {
				t.Fatalf("%s: %v %s", who, err, r.Body)
			}
			if !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
				t.Errorf("Content-Disposition %q", r.Header.Get("Content-Disposition"))
			}
			want := http.StatusNotFound
			if who == "providerP" {
				want = http.StatusOK
			}
			e.ok(t, "GET", "/api/v1/sessions/"+draft.ID+"/ics", who, 0, nil, nil, want)
		}
		e.ok(t, "GET", "/api/v1/sessions/"+published.ID+"/ics", "", 0, nil, nil, http.StatusUnauthorized)
		e.ok(t, "GET", "/api/v1/sessions/not-a-uuid/ics", "workerA1", 0, nil, nil, http.StatusNotFound)
	})
}

// TestFeedAuthorization: every fixture person makes, lists and revokes their own feeds; another's feed is 404 to
// each of them, whether to revoke or to find in a list; without a login the management answers 401.
func TestFeedAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		feeds := map[string]feedJSON{}
		for _, who := range e.w.Names() {
			var f feedJSON
			e.ok(t, "POST", "/api/v1/calendar/feeds", who, 0, map[string]any{"name": "Kalendář " + who}, &f, http.StatusCreated)
			feeds[who] = f
		}
		for _, who := range e.w.Names() {
			var listed []feedJSON
			e.ok(t, "GET", "/api/v1/calendar/feeds", who, 0, nil, &listed, http.StatusOK)
			if len(listed) != 1 || listed[0].ID != feeds[who].ID {
				t.Errorf("%s lists %+v", who, listed)
			}
			for owner, f := range feeds {
				if owner != who {
					e.ok(t, "DELETE", "/api/v1/calendar/feeds/"+f.ID, who, 0, nil, nil, http.StatusNotFound)
				}
			}
		}
		for _, f := range feeds { // nobody's attempt revoked anything
			e.fetch(t, feedPath(t, f))
		}
		e.ok(t, "GET", "/api/v1/calendar/feeds", "", 0, nil, nil, http.StatusUnauthorized)
		e.ok(t, "POST", "/api/v1/calendar/feeds", "", 0, map[string]any{"name": "X"}, nil, http.StatusUnauthorized)
		e.ok(t, "DELETE", "/api/v1/calendar/feeds/"+feeds["workerA1"].ID, "", 0, nil, nil, http.StatusUnauthorized)
		for _, who := range e.w.Names() {
			e.ok(t, "DELETE", "/api/v1/calendar/feeds/"+feeds[who].ID, who, 0, nil, nil, http.StatusNoContent)
			e.ok(t, "DELETE", "/api/v1/calendar/feeds/"+feeds[who].ID, who, 0, nil, nil, http.StatusNotFound)
			e.ok(t, "GET", feedPath(t, feeds[who]), "", 0, nil, nil, http.StatusNotFound)
		}
	})
}

// TestFeedBadInput: a revoked, unknown or malformed token is the same 404 problem; a nameless or overlong name
// is 422 naming it; a 21st feed is 409 and nothing is half-saved.
func TestFeedBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var f feedJSON
		e.ok(t, "POST", "/api/v1/calendar/feeds", "workerA1", 0, map[string]any{"name": "Telefon"}, &f, http.StatusCreated)
		token := strings.TrimSuffix(strings.TrimPrefix(feedPath(t, f), "/api/v1/calendar/"), ".ics")
		if len(token) < 52 {
			t.Errorf("token %q is shorter than 32 bytes in base32", token)
		}
		var stored int
		if err := db.NewSelect().Table("calendar_feeds").ColumnExpr("count(*)").Where("token_hash = ?", token).Scan(context.Background(), &stored); err != nil || stored != 0 {
			t.Errorf("the token is stored as it is: %d %v", stored, err)
		}
		e.ok(t, "DELETE", "/api/v1/calendar/feeds/"+f.ID, "workerA1", 0, nil, nil, http.StatusNoContent)
		revoked := e.ok(t, "GET", feedPath(t, f), "", 0, nil, nil, http.StatusNotFound)
		unknown := e.ok(t, "GET", "/api/v1/calendar/"+strings.Repeat("a", 52)+".ics", "", 0, nil, nil, http.StatusNotFound)
		malformed := e.ok(t, "GET", "/api/v1/calendar/x.ics", "", 0, nil, nil, http.StatusNotFound)
		detail := func(r *apitest.Response) any { return r.Map(t)["detail"] }
		if detail(revoked) != detail(unknown) || detail(unknown) != detail(malformed) {
			t.Errorf("misses differ: %s / %s / %s", revoked.Body, unknown.Body, malformed.Body)
		}

		apitest.Expect(t, e.s.Post(t, "/api/v1/calendar/feeds", e.tok["workerA1"], map[string]any{"name": "   "}), 422, "name", "blank name")
		apitest.Expect(t, e.s.Post(t, "/api/v1/calendar/feeds", e.tok["workerA1"], map[string]any{}), 422, "name", "no name")
		apitest.Expect(t, e.s.Post(t, "/api/v1/calendar/feeds", e.tok["workerA1"], map[string]any{"name": strings.Repeat("x", 101)}), 422, "name", "long name")
		for i := range 20 {
			e.ok(t, "POST", "/api/v1/calendar/feeds", "workerA2", 0, map[string]any{"name": fmt.Sprint("Zařízení ", i)}, nil, http.StatusCreated)
		}
		e.ok(t, "POST", "/api/v1/calendar/feeds", "workerA2", 0, map[string]any{"name": "Jedenadvacáté"}, nil, http.StatusConflict)
		var listed []feedJSON
		e.ok(t, "GET", "/api/v1/calendar/feeds", "workerA2", 0, nil, &listed, http.StatusOK)
		if len(listed) != 20 {
			t.Errorf("%d feeds after the refused 21st", len(listed))
		}
	})
}

// TestSupervisionFeed: a six-weekly team supervision series reaches its participants' and its supervisor's feeds,
// at 09:00 in Prague on both sides of both clock changes, titled by kind and team only; a cancelled occurrence
// stays, CANCELLED, with its SEQUENCE bumped; a single session downloads for whoever may see it.
func TestSupervisionFeed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var plan struct {
			Items []struct {
				ID           string `json:"id"`
				Version      int    `json:"version"`
				Participants []struct {
					PersonID string `json:"person_id"`
				} `json:"participants"`
			} `json:"items"`
		}
		e.ok(t, "POST", "/api/v1/supervision/sessions", "leadA1", 0, map[string]any{
			"team_id": e.w.TeamA1.ID.String(), "kind": "team", "supervisor_id": e.w.Supervisor.ID.String(),
			"starts_at": "2027-09-07T09:00:00+02:00", "ends_at": "2027-09-07T11:00:00+02:00", "place": "Alfa, zasedačka",
			"rrule": "FREQ=WEEKLY;INTERVAL=6;BYDAY=TU;COUNT=6",
		}, &plan, http.StatusCreated)
		if len(plan.Items) != 6 {
			t.Fatalf("planned %d sessions", len(plan.Items))
		}
		takesPart := map[string]bool{}
		for _, p := range plan.Items[0].Participants {
			takesPart[p.PersonID] = true
		}
		if !takesPart[e.w.WorkerA1.ID.String()] {
			t.Fatalf("Pracovnice A1 is not a participant: %+v", plan.Items[0].Participants)
		}
		sid := func(i int) string { return "supervision-session-" + plan.Items[i].ID + "@rozvoj" }
		e.ok(t, "POST", "/api/v1/supervision/sessions/"+plan.Items[2].ID+"/cancel", "leadA1", plan.Items[2].Version,
			map[string]any{"scope": "one"}, nil, http.StatusOK)

		for _, who := range e.w.Names() {
			var f feedJSON
			e.ok(t, "POST", "/api/v1/calendar/feeds", who, 0, map[string]any{"name": "Kalendář"}, &f, http.StatusCreated)
			cal, body := e.fetch(t, feedPath(t, f))
			evs := events(cal)
			want := 0
			if who == "supervisor" || takesPart[e.w.People()[who].ID.String()] {
				want = 6
			}
			if len(evs) != want {
				t.Errorf("%s's feed has %d events, want %d", who, len(evs), want)
			}
			if len(evs) != want || want == 0 {
				continue
			}
			for i := range want {
				ev := evs[sid(i)]
				if ev == nil {
					t.Fatalf("%s: no %s", who, sid(i))
				}
				start, err := ev.GetStartAt()
				if err != nil || start.In(prague).Hour() != 9 || start.In(prague).Weekday() != time.Tuesday {
					t.Errorf("%s: session %d starts %v %v", who, i, start, err)
				}
				status, seq := "CONFIRMED", "0"
				if i == 2 {
					status, seq = "CANCELLED", "1"
				}
				if prop(ev, ics.ComponentPropertyStatus) != status || prop(ev, ics.ComponentPropertySequence) != seq ||
					prop(ev, ics.ComponentPropertySummary) != "Týmová supervize – "+e.w.TeamA1.Name {
					t.Errorf("%s: session %d: %s", who, i, ev.Serialize(nil))
				}
			}
			// Both clock changes fall inside the series (31 October, 26 March): 09:00 is written on either side.
			for _, day := range []string{"20271019T090000", "20271130T090000", "20280222T090000", "20280404T090000"} {
				if !strings.Contains(body, "DTSTART;TZID=Europe/Prague:"+day) {
					t.Errorf("%s: no session at %s\n%s", who, day, body)
				}
			}
			for _, u := range e.w.People() {
				if strings.Contains(body, u.Email) || strings.Contains(body, u.Name) {
					t.Errorf("%s's feed names %s", who, u.Name)
				}
			}
		}
		// One session as a file: for whoever sees the session (its participants, its supervisor, the team's lead).
		for _, who := range append(e.w.Names(), "") {
			want := http.StatusNotFound
			switch who {
			case "workerA1", "leadA1", "supervisor":
				want = http.StatusOK
			case "":
				want = http.StatusUnauthorized
			}
			e.ok(t, "GET", "/api/v1/supervision/sessions/"+plan.Items[0].ID+"/ics", who, 0, nil, nil, want)
		}
	})
}

// TestFeedTokenNotLogged: the request log names the feed's route, never its token, which opens the feed like a
// password.
func TestFeedTokenNotLogged(t *testing.T) {
	db := dbtest.Open(t, database.SQLite)
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	if err := app.Prepare(context.Background(), db, log); err != nil {
		t.Fatal(err)
	}
	a, err := app.New(apitest.Config(), db, log)
	if err != nil {
		t.Fatal(err)
	}
	token := strings.Repeat("b", 52)
	res, err := a.Fiber.Test(httptest.NewRequest(http.MethodGet, "/api/v1/calendar/"+token+".ics", nil))
	if err != nil || res.StatusCode != http.StatusNotFound {
		t.Fatalf("%v %v", res, err)
	}
	if strings.Contains(logged.String(), token) || !strings.Contains(logged.String(), "/api/v1/calendar/{token}.ics") {
		t.Errorf("log:\n%s", logged.String())
	}
}
