// Package app wires the product together: configuration → database → services → routes. Nothing else lives here.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/gofiber/fiber/v2/middleware/helmet"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/rozvoj/rozvoj/competencies"
	"github.com/rozvoj/rozvoj/frontend"
	"github.com/rozvoj/rozvoj/internal/apidoc"
	"github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/calendar"
	"github.com/rozvoj/rozvoj/internal/config"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/indicator"
	"github.com/rozvoj/rozvoj/internal/notification"
	"github.com/rozvoj/rozvoj/internal/plan"
	"github.com/rozvoj/rozvoj/internal/recommend"
	"github.com/rozvoj/rozvoj/internal/supervision"
	"github.com/rozvoj/rozvoj/internal/support"
	"github.com/rozvoj/rozvoj/internal/training"
)

// csp allows only the SPA's own files: no inline scripts or styles, no framing.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// App is the HTTP server with everything behind it.
type App struct {
	Fiber  *fiber.App
	DB     *database.DB
	Worker *notification.Worker // sends e-mail and runs periodic tasks (register them with Worker.Every) while Serve runs
	log    *slog.Logger
}

// Prepare brings the database up to date and loads the shipped data: migrations, then positions.
func Prepare(ctx context.Context, db *database.DB, log *slog.Logger) error {
	applied, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) > 0 {
		log.Info("migrations applied", "migrations", applied)
	}
	positions, err := directory.LoadPositions(competencies.FS)
	if err != nil {
		return err
	}
	dir := directory.NewService(db)
	if err := dir.SyncPositions(ctx, positions); err != nil {
		return err
	}
	models, err := framework.LoadShipped(competencies.FS)
	if err != nil {
		return err
	}
	positionIDs := make(map[string]uuid.UUID, len(positions))
	for _, p := range positions {
		positionIDs[p.Code] = p.ID
	}
	return framework.NewService(db).SyncShipped(ctx, log, models, positionIDs)
}

// New builds the server on a prepared database.
func New(cfg config.Config, db *database.DB, log *slog.Logger) (*App, error) {
	return newApp(cfg, db, log, frontend.Dist())
}

func newApp(cfg config.Config, db *database.DB, log *slog.Logger, spaFiles fs.FS) (*App, error) {
	doc, err := apidoc.JSON()
	if err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	onError := httpx.ErrorHandler(log)
	f := fiber.New(fiber.Config{
		AppName: "rozvoj",
		// The CASE import takes packages up to 20 MiB; httpx.LimitBody keeps every other route at cfg.BodyLimit.
		BodyLimit:             max(cfg.BodyLimit, framework.ImportBodyLimit),
		ErrorHandler:          onError,
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
	})
	m := newMetrics(db)
	m.registry.MustRegister(notification.OutboxMetrics(db))
	worker, err := notification.NewWorker(db, cfg, log)
	if err != nil {
		return nil, err
	}
	f.Use(requestid.New(requestid.Config{Generator: func() string { return uuid.Must(uuid.NewV7()).String() }}))
	f.Use(observe(log, m, onError))
	f.Use(httpx.LimitBody(cfg.BodyLimit, map[string]int{fiber.MethodPost + " " + framework.ImportPath: framework.ImportBodyLimit,
		fiber.MethodPost + " " + training.ExternalPath: training.ExternalBodyLimit}))
	f.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: func(c *fiber.Ctx, e any) {
		log.Error("panic", "request_id", httpx.RequestID(c), "panic", e)
	}}))
	f.Use(helmet.New(helmet.Config{
		ContentSecurityPolicy: csp, XFrameOptions: "DENY", ReferrerPolicy: "same-origin",
		CrossOriginEmbedderPolicy: "unsafe-none", PermissionPolicy: "camera=(), microphone=(), geolocation=()",
	}))

	f.Get("/healthz", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"status": "ok"}) })
	f.Get("/readyz", ready(db))
	// A collector that fails (say, /proc unreadable) must not blank the whole scrape: serve what was gathered.
	f.Get("/metrics", adaptor.HTTPHandler(promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{
		ErrorHandling: promhttp.ContinueOnError, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	})))

	api := f.Group("/api/v1", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Next()
	})
	api.Get("/openapi.json", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
		return c.Send(doc)
	})

	dir := directory.NewService(db)
	authn := &auth.Handler{
		Service:        auth.NewService(db, directory.Accounts{}, cfg),
		Me:             func(ctx context.Context, p *auth.Principal) (any, error) { return dir.Me(ctx, p) },
		InsecureCookie: cfg.InsecureCookie,
	}
	authn.Routes(api)

	private := httpx.Guarded{Router: api, Guard: authn.Middleware}
	(&directory.Handler{Service: dir}).Routes(private)
	(&directory.Handler{Service: dir}).PublicRoutes(api)
	fw := framework.NewService(db)
	(&framework.Handler{Service: fw}).Routes(private)
	assessments := assessment.NewService(db, dir, fw)
	(&assessment.Handler{Service: assessments}).Routes(private)
	worker.Every(time.Hour, "assessment due reminders", assessments.RemindDue)
	(&plan.Handler{Service: plan.NewService(db, dir, fw, assessments)}).Routes(private)
	(&recommend.Handler{Service: recommend.NewService(db, dir, fw, assessments, cfg.BaseURL)}).Routes(private)
	(&framework.CASEHandler{Service: framework.NewService(db)}).Routes(f, private)
	(&notification.Handler{Service: notification.NewService(db, cfg.SMTP != nil)}).Routes(private)
	trainings := training.NewService(db, dir, fw, cfg.BaseURL)
	(&training.Handler{Service: trainings}).Routes(f, private)
	worker.Every(time.Hour, "session reminders", func(ctx context.Context) error { return trainings.RemindSessions(ctx, database.Now()) })
	(&training.ExternalHandler{Service: training.NewExternalService(db, dir)}).Routes(private)
	compliance, err := training.NewComplianceService(db, dir)
	if err != nil {
		return nil, err
	}
	(&training.ComplianceHandler{Service: compliance}).Routes(private)
	(&indicator.Handler{Service: indicator.NewService(db, compliance, fw)}).Routes(private)
	(&support.Handler{Service: support.NewService(db, dir)}).Routes(private)
	supervisions, err := supervision.NewService(db, dir, cfg.NotesKey)
	if err != nil {
		return nil, err
	}
	(&supervision.Handler{Service: supervisions}).Routes(private)
	worker.Every(time.Hour, "unconfirmed supervision reminders", func(ctx context.Context) error {
		return supervisions.RemindUnconfirmed(ctx, database.Now())
	})
	// Each source of sessions for the calendar feeds is one argument of calendar.NewService.
	calendarTraining := calendar.Training{Service: trainings, BaseURL: cfg.BaseURL}
	calendarSupervision := calendar.Supervision{Service: supervisions, BaseURL: cfg.BaseURL}
	feeds := calendar.NewService(db, directory.Accounts{}, cfg.BaseURL, calendarTraining, calendarSupervision)
	(&calendar.Handler{Service: feeds, Training: calendarTraining, Supervision: calendarSupervision}).Routes(api, private)

	// Anything else under the API is a 404 problem, never the SPA's index.html.
	f.All("/api/*", func(*fiber.Ctx) error { return fiber.ErrNotFound })
	f.All("/ims/*", func(*fiber.Ctx) error { return fiber.ErrNotFound })
	f.Use(spa(spaFiles))
	return &App{Fiber: f, DB: db, Worker: worker, log: log}, nil
}

// ready answers 200 only when the database answers and no migration is pending.
func ready(db *database.DB) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
		defer cancel()
		if err := db.PingContext(ctx); err != nil {
			p := httpx.NewProblem(fiber.StatusServiceUnavailable, "The database is not reachable.")
			p.RetryAfter = 5
			return p
		}
		pending, err := db.Pending(ctx)
		if err != nil || pending > 0 {
			return httpx.NewProblem(fiber.StatusServiceUnavailable, "The database schema is not up to date; run `rozvoj migrate up`.")
		}
		return c.JSON(fiber.Map{"status": "ready", "database": db.Engine})
	}
}

// Serve listens until ctx ends, then stops taking connections and lets requests in flight finish.
func (a *App) Serve(ctx context.Context, addr string, started func()) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- a.Fiber.Listener(ln) }()
	a.Worker.Start(ctx)
	defer a.Worker.Stop() // after the requests, before the caller closes the database; waits for a send in flight
	if started != nil {
		started()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down: finishing requests in flight")
	if err := a.Fiber.ShutdownWithTimeout(30 * time.Second); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
