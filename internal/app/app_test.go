package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/app"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// serveWith starts the app over given SPA files on a free port and returns its base URL.
func serveWith(t *testing.T, db *database.DB, spaFiles fstest.MapFS) string {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := app.Prepare(context.Background(), db, log); err != nil {
		t.Fatal(err)
	}
	a, err := app.NewWithSPA(apitest.Config(), db, log, spaFiles)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = a.Fiber.Listener(ln) }()
	t.Cleanup(func() { _ = a.Fiber.Shutdown() })
	return "http://" + ln.Addr().String()
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

var spaFiles = fstest.MapFS{
	"index.html":        {Data: []byte("<!doctype html><html><body>SPA</body></html>")},
	"assets/app-1a2.js": {Data: []byte("console.log(1)")},
}

func TestHTTPConventions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		base := serveWith(t, db, spaFiles)
		cases := []struct {
			path, status, ctype, body string
		}{
			{"/healthz", "200", "application/json", `"ok"`},
			{"/readyz", "200", "application/json", `"ready"`},
			{"/", "200", "text/html", "SPA"},
			{"/prihlaseni", "200", "text/html", "SPA"}, // a client-side route survives a reload
			{"/assets/app-1a2.js", "200", "javascript", "console.log"},
			{"/api/v1/nope", "404", "application/problem+json", `"status":404`},
			{"/api/v2/anything", "404", "application/problem+json", `"status":404`},
			{"/ims/case/v1p1/unknown", "404", "application/problem+json", `"status":404`},
			{"/api/v1/me", "401", "application/problem+json", `"status":401`},
		}
		for _, c := range cases {
			res, body := get(t, base+c.path)
			if got := res.Status[:3]; got != c.status || !strings.Contains(res.Header.Get("Content-Type"), c.ctype) || !strings.Contains(body, c.body) {
				t.Errorf("GET %s: %s %s %.200s; want %s %s containing %s", c.path, got, res.Header.Get("Content-Type"), body, c.status, c.ctype, c.body)
			}
			if res.Header.Get("X-Request-ID") == "" {
				t.Errorf("GET %s: no X-Request-ID", c.path)
			}
			csp := res.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("GET %s: CSP %q", c.path, csp)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("GET %s: no nosniff", c.path)
			}
			if strings.Contains(c.ctype, "problem") && !strings.Contains(body, res.Header.Get("X-Request-ID")) {
				t.Errorf("GET %s: problem without the request ID: %s", c.path, body)
			}
		}
		res, body := get(t, base+"/metrics")
		for _, want := range []string{"go_goroutines", `http_requests_total{method="GET",route="/healthz",status="200"}`, "go_sql_open_connections"} {
			if res.StatusCode != 200 || !strings.Contains(body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
	})
}

func TestSPANotBuilt(t *testing.T) {
	base := serveWith(t, dbtest.Open(t, database.SQLite), fstest.MapFS{})
	res, body := get(t, base+"/")
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "make build") {
		t.Errorf("without a built SPA: %d %s", res.StatusCode, body)
	}
}

// TestDatabaseOutage cuts the connection to PostgreSQL while serving: readiness and requests answer 503
// problems, and both recover by themselves once the database is reachable again.
func TestDatabaseOutage(t *testing.T) {
	db := dbtest.Open(t, database.Postgres)
	s := apitest.Start(t, db)
	w := apitest.NewWorld(t, s)
	token := s.Login(t, w.WorkerA1.Email, apitest.Password)

	// Reconnect the app through a proxy we can cut: same database, same schema.
	proxy := newProxy(t, "127.0.0.1:5432")
	var schema string
	if err := db.QueryRowContext(context.Background(), "SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	viaProxy, err := database.OpenPostgres(context.Background(), "postgres://postgres@"+proxy.addr+"/test?sslmode=disable", schema, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = viaProxy.Close() })
	s = apitest.Start(t, viaProxy)

	status := func(path, tok string) int {
		req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode >= 400 && !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
			t.Errorf("%s: %d is not a problem", path, res.StatusCode)
		}
		return res.StatusCode
	}
	if got := status("/readyz", ""); got != 200 {
		t.Fatalf("readyz before the outage: %d", got)
	}
	proxy.cut()
	if got := status("/readyz", ""); got != http.StatusServiceUnavailable {
		t.Errorf("readyz during the outage: %d", got)
	}
	if got := status("/api/v1/me", token); got != http.StatusServiceUnavailable {
		t.Errorf("me during the outage: %d", got)
	}
	proxy.restore()
	deadline := time.Now().Add(10 * time.Second)
	for status("/readyz", "") != 200 || status("/api/v1/me", token) != 200 {
		if time.Now().After(deadline) {
			t.Fatal("service did not resume after the database came back")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// proxy forwards TCP to a target until cut; cut closes every connection and refuses new ones.
type proxy struct {
	t      *testing.T
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newProxy(t *testing.T, target string) *proxy {
	p := &proxy{t: t, target: target}
	p.restore()
	t.Cleanup(p.cut)
	return p
}

func (p *proxy) restore() {
	addr := p.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}
