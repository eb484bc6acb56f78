package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"sync"
	"time"

	"github.com/google/uuid"
	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/rozvoj/rozvoj/internal/database"
)

// The writes of the mix: what workers and providers change while the others read. Each write is one a real user
// makes again and again, so that the run can go on for as long as asked without exhausting the data: a worker
// registers for an upcoming session and withdraws again, logs professional support, a provider records the
// attendance of a session under way.

func send(method, base, path, token string, body any) vegeta.Target {
	t := get(base, path, token)
	t.Method = method
	if body != nil {
		t.Body, _ = json.Marshal(body)
		t.Header.Set("Content-Type", "application/json")
	}
	return t
}

// registrar alternates each sampled worker between registering for an upcoming session of their own and
// withdrawing that registration. A worker waits for the answer to their last request before the next, as a person
// at a browser would; the session in a register request's path tells whose answer it is.
type registrar struct {
	base     string
	workers  []person
	sessions []uuid.UUID // one per worker
	mu       sync.Mutex
	next     int
	busy     []bool
	held     []string // a worker's registration awaiting withdrawal
	bySess   map[string]int
	byReg    map[string]int
}

func newRegistrar(ctx context.Context, db *database.DB, base string, workers []person) (*registrar, error) {
	var sessions []uuid.UUID
	// Sessions well ahead, so that no registration deadline closes them during the run.
	err := db.NewRaw(`SELECT id FROM training_sessions WHERE status = 'open' AND starts_at > ?
		ORDER BY md5(id::text) LIMIT ?`, time.Now().AddDate(0, 1, 0), len(workers)).Scan(ctx, &sessions)
	if err != nil {
		return nil, err
	}
	if len(sessions) < len(workers) {
		return nil, fmt.Errorf("the generated data has %d upcoming sessions, %d wanted", len(sessions), len(workers))
	}
	r := &registrar{base: base, workers: workers, sessions: sessions, busy: make([]bool, len(workers)),
		held: make([]string, len(workers)), bySess: map[string]int{}, byReg: map[string]int{}}
	for i, s := range sessions {
		r.bySess[s.String()] = i
	}
	return r, nil
}

// target is the next worker's next step.
func (r *registrar) target(t *vegeta.Target) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for range r.workers {
		i := r.next
		r.next = (r.next + 1) % len(r.workers)
		if r.busy[i] {
			continue
		}
		r.busy[i] = true
		p := r.workers[i]
		if id := r.held[i]; id != "" {
			*t = send(http.MethodDelete, r.base, "/api/v1/registrations/"+id, p.token, nil)
		} else {
			*t = send(http.MethodPost, r.base, "/api/v1/sessions/"+r.sessions[i].String()+"/registrations", p.token, map[string]string{})
		}
		return nil
	}
	return vegeta.ErrNoTargets
}

// observe notes what an answer changed: a registration to withdraw next, or none any more.
func (r *registrar) observe(res *vegeta.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch res.Method {
	case http.MethodPost:
		i, ok := r.bySess[path.Base(path.Dir(res.URL))] // …/sessions/{id}/registrations
		if !ok {
			return
		}
		r.busy[i] = false
		var reg struct {
			ID string `json:"id"`
		}
		if res.Code == http.StatusCreated && json.Unmarshal(res.Body, &reg) == nil {
			r.held[i], r.byReg[reg.ID] = reg.ID, i
		}
	case http.MethodDelete:
		id := path.Base(res.URL) // …/registrations/{id}
		i, ok := r.byReg[id]
		if !ok {
			return
		}
		r.busy[i] = false
		if res.Code == http.StatusOK || res.Code == http.StatusNoContent {
			r.held[i] = ""
			delete(r.byReg, id)
		}
	}
}

// supportLogs is each sampled worker logging an hour of support today, a kind after another.
func supportLogs(base string, workers []person) []vegeta.Target {
	kinds := []string{"mentoring", "intervision", "case_consultation", "methodological_guidance"}
	out := make([]vegeta.Target, len(workers))
	today := time.Now().In(database.Prague).Format(time.DateOnly)
	for i, p := range workers {
		out[i] = send(http.MethodPost, base, "/api/v1/support-log", p.token,
			map[string]any{"date": today, "minutes": 60, "kind": kinds[i%len(kinds)], "note": "zátěžový test"})
	}
	return out
}

// attendanceRecords is a provider recording the attendance of a session that has begun and is not closed: every
// confirmed registrant present, sent again as a provider corrects the list during the day.
func attendanceRecords(ctx context.Context, db *database.DB, base, password string) ([]vegeta.Target, error) {
	var rows []struct {
		Session uuid.UUID
		Email   string
	}
	err := db.NewRaw(`SELECT DISTINCT ON (s.id) s.id AS session, u.email
		FROM training_sessions AS s JOIN courses AS c ON c.id = s.course_id
		JOIN role_assignments AS ra ON ra.organization_id = c.provider_id AND ra.role = 'provider'
		JOIN users AS u ON u.id = ra.user_id AND u.active
		WHERE s.status = 'open' AND s.closed_at IS NULL AND s.starts_at < now()
		  AND EXISTS (SELECT 1 FROM registrations AS r WHERE r.session_id = s.id AND r.status = 'confirmed')
		ORDER BY s.id, u.email LIMIT 10`).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("the generated data has no session under way to record attendance of")
	}
	out := make([]vegeta.Target, 0, len(rows))
	for _, row := range rows {
		token, err := signIn(base, row.Email, password)
		if err != nil {
			return nil, err
		}
		var regs []uuid.UUID
		if err := db.NewRaw(`SELECT id FROM registrations WHERE session_id = ? AND status = 'confirmed'`, row.Session).Scan(ctx, &regs); err != nil {
			return nil, err
		}
		entries := make([]map[string]string, len(regs))
		for i, id := range regs {
			entries[i] = map[string]string{"registration_id": id.String(), "status": "present"}
		}
		out = append(out, send(http.MethodPut, base, "/api/v1/sessions/"+row.Session.String()+"/attendance", token,
			map[string]any{"entries": entries}))
	}
	return out, nil
}
