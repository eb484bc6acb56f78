package notification

import (
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"mime"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/wneessen/go-mail"

	"github.com/rozvoj/rozvoj/internal/config"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// newWorker makes a worker sending to smtp (nil: e-mail off) with the test's base URL.
func newWorker(t *testing.T, db *database.DB, s *config.SMTP) *Worker {
	t.Helper()
	w, err := NewWorker(db, config.Config{SMTP: s, MailFrom: "rozvoj <noreply@rozvoj.test>", BaseURL: "https://rozvoj.test/"}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// queue writes n notices to new people, each with its e-mail in the outbox.
func queue(t *testing.T, db *database.DB, n int) {
	t.Helper()
	actor := newPerson(t, db, "Jana Nováková", "jana."+uuid.NewString()+"@test.cz")
	for i := range n {
		lead := newPerson(t, db, "Vedoucí Věra "+strconv.Itoa(i), "vera"+strconv.Itoa(i)+"."+uuid.NewString()+"@test.cz")
		id := uuid.Must(uuid.NewV7())
		if err := Notify(context.Background(), db, Notice{Kind: AssessmentSubmitted, RecipientID: lead, ActorID: &actor,
			Entity: "assessment", EntityID: id, Link: "/tym/hodnoceni/" + id.String()}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWorkerDelivers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		srv := startSMTP(t, false)
		cfg := srv.config(t)
		w := newWorker(t, db, &cfg)
		queue(t, db, 1)
		if err := w.deliver(ctx); err != nil {
			t.Fatal(err)
		}
		got := srv.received()
		if len(got) != 1 {
			t.Fatalf("received %d messages", len(got))
		}
		row := outbox(t, db)[0]
		if row.State != sent || row.SentAt == nil || row.Attempts != 1 || row.ClaimedUntil != nil || row.LastError != "" {
			t.Errorf("row after sending: %+v", row)
		}
		m := got[0]
		if m.From != "noreply@rozvoj.test" || m.To != row.ToAddress {
			t.Errorf("envelope: %q → %q", m.From, m.To)
		}
		h := m.Msg.Header
		raw := h.Get("Subject")
		subject, err := new(mime.WordDecoder).DecodeHeader(raw)
		if err != nil || subject != "Sebehodnocení k posouzení: Jana Nováková" || !strings.HasPrefix(strings.ToUpper(raw), "=?UTF-8?") {
			t.Errorf("subject %q (raw %q): %v", subject, raw, err)
		}
		to, err := h.AddressList("To")
		if err != nil || len(to) != 1 || to[0].Address != row.ToAddress || to[0].Name != row.ToName {
			t.Errorf("To: %q %v", h.Get("To"), err)
		}
		if id := h.Get("Message-Id"); id != "<"+row.ID.String()+"@rozvoj.test>" {
			t.Errorf("Message-ID %q", id)
		}
		if h.Get("Auto-Submitted") != "auto-generated" || h.Get("Date") == "" {
			t.Errorf("headers: %v", h)
		}
		body := decodeQP(t, m.Body)
		if !strings.Contains(body, "Jana Nováková odevzdal(a) sebehodnocení") ||
			!strings.Contains(body, "https://rozvoj.test"+row.Link+"\n") {
			t.Errorf("body: %s", body)
		}
		// Sent is sent: the next round has nothing to do.
		if err := w.deliver(ctx); err != nil || len(srv.received()) != 1 {
			t.Errorf("second round: %v, %d messages", err, len(srv.received()))
		}
	})
}

func decodeQP(t *testing.T, b []byte) string {
	t.Helper()
	out, err := io.ReadAll(quotedPrintable(b))
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(out), "\r\n", "\n")
}

// TestWorkerTLSLogin sends the production way: STARTTLS required, then a login.
func TestWorkerTLSLogin(t *testing.T) {
	db := dbtest.Open(t, database.SQLite)
	srv := startSMTP(t, true)
	cfg := srv.config(t)
	w := newWorker(t, db, &cfg)
	m, err := newMailer(cfg, "rozvoj <noreply@rozvoj.test>", "https://rozvoj.test",
		mail.WithTLSConfig(&tls.Config{RootCAs: srv.RootCAs, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}))
	if err != nil {
		t.Fatal(err)
	}
	// First without trusting the server's certificate: nothing goes out, the row waits for a retry.
	queue(t, db, 1)
	if err := w.deliver(context.Background()); err != nil {
		t.Fatal(err)
	}
	if row := outbox(t, db)[0]; row.State != pending || row.Attempts != 1 || !strings.Contains(row.LastError, "certificate") {
		t.Fatalf("untrusted certificate: %+v", row)
	}
	w.mailer = m
	rewind(t, db)
	if err := w.deliver(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := srv.received(); len(got) != 1 || outbox(t, db)[0].State != sent {
		t.Fatalf("received %d, row %+v", len(got), outbox(t, db)[0])
	}
}

// rewind makes every waiting row due now, as if the backoff had passed.
func rewind(t *testing.T, db *database.DB) {
	t.Helper()
	_, err := db.NewUpdate().Model((*outboxMail)(nil)).Set("next_attempt_at = ?", database.Now().Add(-time.Second)).
		Where("state = ?", pending).Exec(context.Background())
	if err != nil {
		t.Fatal(err)
	}
}

// TestWorkerRetries: a server answering 451, then none at all, then a working one; the row backs off and is
// delivered once.
func TestWorkerRetries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		srv := startSMTP(t, false)
		cfg := srv.config(t)
		w := newWorker(t, db, &cfg)
		queue(t, db, 1)

		expect := func(attempts int, wait time.Duration, errPart string) {
			t.Helper()
			before := database.Now()
			if err := w.deliver(ctx); err != nil {
				t.Fatal(err)
			}
			row := outbox(t, db)[0]
			if row.State != pending || row.Attempts != attempts || !strings.Contains(row.LastError, errPart) || row.ClaimedUntil != nil {
				t.Fatalf("after attempt %d: %+v", attempts, row)
			}
			if d := row.NextAttemptAt.Sub(before); d < wait || d > wait+time.Minute/2 {
				t.Errorf("attempt %d: next in %s, want %s", attempts, d, wait)
			}
			// Not due yet: another round leaves it alone.
			if err := w.deliver(ctx); err != nil || outbox(t, db)[0].Attempts != attempts {
				t.Errorf("retried before its time: %v %+v", err, outbox(t, db)[0])
			}
		}
		srv.setFail(true)
		expect(1, 2*time.Minute, "451")
		rewind(t, db)
		expect(2, 4*time.Minute, "451")

		// Nothing listens on the port.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		closed := config.SMTP{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, TLS: config.TLSNone}
		_ = ln.Close()
		down := newWorker(t, db, &closed)
		w, down = down, w
		rewind(t, db)
		expect(3, 8*time.Minute, "dial")
		w = down

		srv.setFail(false)
		rewind(t, db)
		if err := w.deliver(ctx); err != nil {
			t.Fatal(err)
		}
		if row := outbox(t, db)[0]; row.State != sent || row.Attempts != 4 || len(srv.received()) != 1 {
			t.Fatalf("once up: %+v, %d messages", row, len(srv.received()))
		}
	})
}

func TestRetrySchedule(t *testing.T) {
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for attempts, want := range map[int]time.Duration{1: 2 * time.Minute, 2: 4 * time.Minute, 5: 32 * time.Minute, 8: 256 * time.Minute, 9: 6 * time.Hour} {
		if state, next := retry(attempts, now); state != pending || next.Sub(now) != want {
			t.Errorf("after %d: %s in %s, want %s", attempts, state, next.Sub(now), want)
		}
	}
	if state, _ := retry(maxAttempts, now); state != failed {
		t.Errorf("after %d attempts: %s", maxAttempts, state)
	}
}

// TestWorkerGivesUp: the tenth failure fails the row for good; mail older than a day is not sent at all, even
// with e-mail off.
func TestWorkerGivesUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		srv := startSMTP(t, false)
		srv.setFail(true)
		cfg := srv.config(t)
		w := newWorker(t, db, &cfg)
		queue(t, db, 2)
		rows := outbox(t, db)
		if _, err := db.NewUpdate().Model((*outboxMail)(nil)).Set("attempts = ?", maxAttempts-1).Where("id = ?", rows[0].ID).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.NewUpdate().Model((*outboxMail)(nil)).Set("created_at = ?", database.Now().Add(-maxAge-time.Minute)).
			Where("id = ?", rows[1].ID).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if err := newWorker(t, db, nil).deliver(ctx); err != nil {
			t.Fatal(err)
		}
		if err := w.deliver(ctx); err != nil {
			t.Fatal(err)
		}
		rows = outbox(t, db)
		if rows[0].State != failed || rows[0].Attempts != maxAttempts || !strings.Contains(rows[0].LastError, "451") {
			t.Errorf("tenth failure: %+v", rows[0])
		}
		if rows[1].State != failed || rows[1].Attempts != 0 || !strings.Contains(rows[1].LastError, "not sent within") {
			t.Errorf("stale mail: %+v", rows[1])
		}
	})
}

// TestConcurrentWorkers: several workers (as on several replicas) drain one outbox; every row goes out once.
func TestConcurrentWorkers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		const rows, workers = 40, 4
		srv := startSMTP(t, false)
		cfg := srv.config(t)
		queue(t, db, rows)
		var wg sync.WaitGroup
		for range workers {
			w := newWorker(t, db, &cfg)
			w.Batch = 3
			wg.Go(func() {
				if err := w.deliver(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		seen := map[string]int{}
		for _, m := range srv.received() {
			seen[m.Msg.Header.Get("Message-Id")]++
		}
		if len(seen) != rows || len(srv.received()) != rows {
			t.Errorf("%d distinct of %d messages, want %d", len(seen), len(srv.received()), rows)
		}
		for _, r := range outbox(t, db) {
			if r.State != sent || r.Attempts != 1 || seen["<"+r.ID.String()+"@rozvoj.test>"] != 1 {
				t.Errorf("row %s: %s after %d attempts, received %d times", r.ID, r.State, r.Attempts, seen["<"+r.ID.String()+"@rozvoj.test>"])
			}
		}
	})
}

// TestWorkerStopWaitsForSend: Stop returns only once the message under way is sent and recorded.
func TestWorkerStopWaitsForSend(t *testing.T) {
	db := dbtest.Open(t, database.SQLite)
	srv := startSMTP(t, false)
	srv.block = make(chan struct{})
	cfg := srv.config(t)
	w := newWorker(t, db, &cfg)
	w.Poll = 10 * time.Millisecond
	queue(t, db, 2)
	w.Start(context.Background())
	select {
	case <-srv.inData:
	case <-time.After(10 * time.Second):
		t.Fatal("the worker never sent")
	}
	stopped := make(chan struct{})
	go func() { w.Stop(); close(stopped) }()
	select {
	case <-stopped:
		t.Fatal("Stop returned while a message was being sent")
	case <-time.After(200 * time.Millisecond):
	}
	close(srv.block)
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("Stop did not return")
	}
	rows := outbox(t, db)
	if len(srv.received()) != 1 || rows[0].State != sent || rows[1].State != pending || rows[1].ClaimedUntil != nil {
		t.Errorf("after stop: %d received, rows %+v", len(srv.received()), rows)
	}
}

// TestTasks: a task runs at start and on every tick, survives its own failure and panic, and stops with the worker.
func TestTasks(t *testing.T) {
	db := dbtest.Open(t, database.SQLite)
	w := newWorker(t, db, nil)
	var runs atomic.Int32
	w.Every(5*time.Millisecond, "count", func(ctx context.Context) error {
		switch runs.Add(1) {
		case 1:
			return io.ErrUnexpectedEOF
		case 2:
			panic("boom")
		}
		return nil
	})
	w.Start(context.Background())
	deadline := time.Now().Add(10 * time.Second)
	for runs.Load() < 4 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	w.Stop()
	n := runs.Load()
	if n < 4 {
		t.Fatalf("ran %d times", n)
	}
	time.Sleep(30 * time.Millisecond)
	if runs.Load() != n {
		t.Errorf("ran after Stop")
	}
}
