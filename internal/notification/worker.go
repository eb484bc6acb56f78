package notification

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/config"
	"github.com/rozvoj/rozvoj/internal/database"
)

// Delivery rules of the outbox.
const (
	maxAttempts = 10              // then the row is failed: about 14½ hours of retries
	baseRetry   = time.Minute     // × 2^attempts after every failure …
	maxRetry    = 6 * time.Hour   // … up to this
	maxAge      = 24 * time.Hour  // older unsent mail is stale (e-mail was off, or the server down for a day)
	sendTimeout = 2 * time.Minute // one message, dial to QUIT
)

// Worker runs in the background of `rozvoj serve`: it delivers the outbox and runs periodic tasks. Every replica
// runs one; the outbox is claimed row by row, and tasks must be idempotent (Notice.Key keeps reminders single).
type Worker struct {
	Poll  time.Duration // how often the outbox is looked at (5s)
	Batch int           // rows claimed at once (20)
	Lease time.Duration // how long a claim holds before another worker may take the row (10m)

	db     *database.DB
	mailer *mailer // nil: e-mail is off
	log    *slog.Logger
	tasks  []task

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

type task struct {
	interval time.Duration
	name     string
	fn       func(ctx context.Context) error
}

// NewWorker prepares the worker; without cfg.SMTP it only runs the tasks and retires stale mail.
func NewWorker(db *database.DB, cfg config.Config, log *slog.Logger) (*Worker, error) {
	w := &Worker{Poll: 5 * time.Second, Batch: 20, Lease: 10 * time.Minute, db: db, log: log}
	if cfg.SMTP != nil {
		m, err := newMailer(*cfg.SMTP, cfg.MailFrom, cfg.BaseURL)
		if err != nil {
			return nil, err
		}
		w.mailer = m
	}
	return w, nil
}

// Every registers a task run at start and then every interval until the worker stops. Register before Start.
func (w *Worker) Every(interval time.Duration, name string, fn func(ctx context.Context) error) {
	w.tasks = append(w.tasks, task{interval: interval, name: name, fn: fn})
}

// Start runs the delivery loop and the tasks until ctx ends or Stop is called.
func (w *Worker) Start(ctx context.Context) {
	ctx, w.cancel = context.WithCancel(ctx)
	if w.mailer == nil {
		w.log.Info("ROZVOJ_SMTP_URL is not set: e-mail is off, notifications are in-app only")
	} else {
		w.log.Info("e-mail is on", "smtp", w.mailer.addr, "from", w.mailer.from)
	}
	w.wg.Go(func() { w.every(ctx, w.Poll, "mail outbox", w.deliver) })
	for _, t := range w.tasks {
		w.wg.Go(func() { w.every(ctx, t.interval, t.name, t.fn) })
	}
}

// Stop ends the loops and waits for the work in flight: a message being sent is finished and recorded, so the
// database may close after Stop returns.
func (w *Worker) Stop() {
	if w.cancel != nil {
		w.cancel()
	}
	w.wg.Wait()
}

// every runs fn now and then at each tick; a failure (or a panic) is logged and the next tick tries again.
func (w *Worker) every(ctx context.Context, interval time.Duration, name string, fn func(ctx context.Context) error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		func() {
			defer func() {
				if p := recover(); p != nil {
					w.log.Error("background task panicked", "task", name, "panic", p)
				}
			}()
			if err := fn(ctx); err != nil && ctx.Err() == nil {
				w.log.Error("background task failed", "task", name, "error", err)
			}
		}()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// deliver retires stale mail, then sends claimed batches until nothing is due.
func (w *Worker) deliver(ctx context.Context) error {
	if err := w.expire(ctx); err != nil {
		return err
	}
	for w.mailer != nil && ctx.Err() == nil {
		rows, err := w.claim(ctx)
		if err != nil || len(rows) == 0 {
			return err
		}
		for i := range rows {
			if ctx.Err() != nil {
				// Stopping: hand the rest back at once rather than let their lease run out.
				return w.release(context.WithoutCancel(ctx), rows[i:])
			}
			if err := w.sendOne(ctx, &rows[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// claim takes up to Batch due rows with a lease, in one statement. On PostgreSQL FOR UPDATE SKIP LOCKED lets
// replicas claim side by side without waiting or taking the same row (a row claimed meanwhile is re-checked and
// skipped); SQLite has one writer, so the statement alone is enough.
//
// The trade-off of a lease: a worker that dies between sending and recording leaves a row that is claimed
// again once its lease ends, and that message goes out twice. Holding a transaction open across the SMTP
// conversation would avoid it but pins a connection per message and still cannot make SMTP and the database
// commit together; a rare duplicate with the same Message-ID (which receiving servers may fold) is the
// cheaper failure.
func (w *Worker) claim(ctx context.Context) ([]outboxMail, error) {
	now := database.Now()
	due := w.db.NewSelect().Model((*outboxMail)(nil)).Column("id").
		Where("state = ? AND next_attempt_at <= ? AND created_at > ?", pending, now, now.Add(-maxAge)).
		Where("(claimed_until IS NULL OR claimed_until < ?)", now).
		OrderExpr("next_attempt_at, id").Limit(int64(w.Batch))
	if w.db.Engine == database.Postgres {
		due = due.For("UPDATE SKIP LOCKED")
	}
	var rows []outboxMail
	_, err := w.db.NewUpdate().Model((*outboxMail)(nil)).Set("claimed_until = ?", now.Add(w.Lease)).
		Where("id IN (?)", due).Returning("*").Exec(ctx, &rows)
	return rows, err
}

// sendOne sends a claimed row and records the outcome. The send gets its own deadline, not ctx: a message
// under way when the server stops is finished and recorded, never cut off between SMTP and the database.
func (w *Worker) sendOne(ctx context.Context, row *outboxMail) error {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	sendErr := w.mailer.send(sctx, row)
	now := database.Now()
	q := w.db.NewUpdate().Model((*outboxMail)(nil)).Where("id = ?", row.ID).
		Set("attempts = ?", row.Attempts+1).Set("claimed_until = NULL")
	if sendErr == nil {
		q = q.Set("state = ?", sent).Set("sent_at = ?", now).Set("last_error = ''")
	} else {
		state, next := retry(row.Attempts+1, now)
		q = q.Set("state = ?", state).Set("next_attempt_at = ?", next).Set("last_error = ?", truncate(sendErr.Error(), 1000))
		w.log.Warn("e-mail not sent", "outbox_id", row.ID, "attempt", row.Attempts+1, "state", state, "error", sendErr)
	}
	_, err := q.Exec(sctx)
	return err
}

// retry says what follows a failed attempt: another one after 2, 4, 8 … minutes (at most 6 hours), or, after
// maxAttempts, giving up.
func retry(attempts int, now time.Time) (state string, next time.Time) {
	if attempts >= maxAttempts {
		return failed, now
	}
	return pending, now.Add(min(baseRetry<<attempts, maxRetry))
}

func (w *Worker) release(ctx context.Context, rows []outboxMail) error {
	ids := make([]uuid.UUID, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
	}
	_, err := w.db.NewUpdate().Model((*outboxMail)(nil)).Set("claimed_until = NULL").Where("id IN (?)", bun.In(ids)).Exec(ctx)
	return err
}

// expire gives up on mail that waited longer than maxAge: telling someone today of yesterday's change is noise,
// and turning e-mail on must not flood people with what queued while it was off.
func (w *Worker) expire(ctx context.Context) error {
	now := database.Now()
	_, err := w.db.NewUpdate().Model((*outboxMail)(nil)).
		Set("state = ?", failed).Set("last_error = ?", fmt.Sprintf("not sent within %s", maxAge)).
		Where("state = ? AND created_at <= ?", pending, now.Add(-maxAge)).
		Where("(claimed_until IS NULL OR claimed_until < ?)", now).Exec(ctx)
	return err
}

// truncate keeps at most n bytes of valid UTF-8 (PostgreSQL refuses a cut character).
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
