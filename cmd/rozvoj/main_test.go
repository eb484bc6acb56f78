package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The binary as people run it: built once, started as a process, stopped with signals.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rozvoj-bin")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "rozvoj")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func env(t *testing.T, extra ...string) []string {
	return append(os.Environ(), append([]string{
		"ROZVOJ_DATABASE_URL=sqlite://" + filepath.Join(t.TempDir(), "r.db"),
		"ROZVOJ_SECRET=a-test-secret-of-enough-length", "ROZVOJ_LOG_FORMAT=text",
	}, extra...)...)
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// syncBuffer collects a process's output while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestDemoServeAndGracefulShutdown starts `serve --demo` as make run does: it prints the logins, every demo
// login works, and SIGTERM lets sign-ins in flight finish before the process exits cleanly.
func TestDemoServeAndGracefulShutdown(t *testing.T) {
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "--demo")
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = env(t, "ROZVOJ_ADDR="+addr, "ROZVOJ_DEMO_PASSWORD=Demo-heslo-123")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	waitReady(t, base, out)
	for _, who := range []string{"pracovnice", "vedouci", "vzdelavatel", "supervizor", "metodik", "admin"} {
		if !strings.Contains(out.String(), who+"@demo.rozvoj.cz") {
			t.Errorf("login %s not printed:\n%s", who, out.String())
		}
		if status := login(base, who+"@demo.rozvoj.cz", "Demo-heslo-123"); status != http.StatusOK {
			t.Errorf("login %s: %d", who, status)
		}
	}
	if !strings.Contains(out.String(), "Demo-heslo-123") {
		t.Error("password not printed")
	}

	// Sign-ins are slow on purpose (argon2id), so some are still being worked on when SIGTERM comes. A request
	// the server had not accepted yet may be refused; one it had accepted must finish with its answer. So: every
	// answer is 200, and some arrive after the signal — a server that stopped at once would give none.
	const n = 8
	type result struct {
		status int
		at     time.Time
	}
	var wg sync.WaitGroup
	results := make(chan result, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status := login(base, "admin@demo.rozvoj.cz", "Demo-heslo-123")
			results <- result{status, time.Now()}
		}()
	}
	time.Sleep(100 * time.Millisecond)
	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(results)
	drained := 0
	for r := range results {
		if r.status != 0 && r.status != http.StatusOK {
			t.Errorf("a sign-in in flight at SIGTERM got %d, want 200", r.status)
		}
		if r.status == http.StatusOK && r.at.After(signalled) {
			drained++
		}
	}
	if drained == 0 {
		t.Error("no sign-in in flight finished after SIGTERM: the server did not drain")
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit after SIGTERM: %v\n%s", err, out.String())
	}
	if time.Since(signalled) > 20*time.Second {
		t.Error("shutdown took too long")
	}
}

func login(base, email, password string) int {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

func waitReady(t *testing.T, base string, out *syncBuffer) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
	}
	t.Fatalf("not ready:\n%s", out.String())
}

func TestDatabaseDownAtStart(t *testing.T) {
	cmd := exec.Command(bin, "serve")
	cmd.Env = env(t, "ROZVOJ_DATABASE_URL=postgres://postgres@127.0.0.1:1/none?sslmode=disable", "ROZVOJ_DATABASE_WAIT=1s", "ROZVOJ_ADDR="+freeAddr(t))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Fatalf("want a non-zero exit, got %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "cannot reach the database at postgres://postgres@127.0.0.1:1/none") {
		t.Errorf("unclear message: %s", out)
	}
}

func TestCommands(t *testing.T) {
	e := env(t)
	run := func(stdin string, args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env, cmd.Stdin = e, strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("", "migrate", "status"); err != nil || !strings.Contains(out, "foundation") || !strings.Contains(out, "pending") {
		t.Fatalf("status before: %v %s", err, out)
	}
	if out, err := run("", "migrate", "up"); err != nil || !regexp.MustCompile(`applied [1-9]\d* migration`).MatchString(out) {
		t.Fatalf("up: %v %s", err, out)
	}
	if out, err := run("", "migrate", "status"); err != nil || !strings.Contains(out, "applied 20") {
		t.Fatalf("status after: %v %s", err, out)
	}
	if out, err := run("Operator-Pass-123\n", "user", "create", "--email", "Root@Example.cz", "--name", "Root", "--password-stdin"); err != nil || !strings.Contains(out, "root@example.cz") {
		t.Fatalf("user create: %v %s", err, out)
	}
	if out, err := run("Operator-Pass-123\n", "user", "create", "--email", "root@example.cz", "--name", "Again", "--password-stdin"); err == nil || !strings.Contains(out, "email") {
		t.Fatalf("duplicate e-mail should fail naming the field: %v %s", err, out)
	}
	// Seeding twice keeps one data set and gives the logins the new password.
	for _, pw := range []string{"First-pass-1", "Second-pass-2"} {
		cmd := exec.Command(bin, "seed", "demo")
		cmd.Env = append(e, "ROZVOJ_DEMO_PASSWORD="+pw)
		if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), pw) {
			t.Fatalf("seed demo: %v %s", err, out)
		}
	}
	// A real third-party CASE package imports once; the second time its document is already stored.
	pkg := filepath.Join("..", "..", "internal", "framework", "testdata", "packages", "opensalt-test-framework.json")
	if out, err := run("", "import", "case", "--dry-run", pkg); err != nil || !strings.Contains(out, "would import") || !strings.Contains(out, "65 items") {
		t.Fatalf("import case --dry-run: %v %s", err, out)
	}
	if out, err := run("", "import", "case", pkg); err != nil || !strings.Contains(out, `imported "ordering"`) {
		t.Fatalf("import case: %v %s", err, out)
	}
	if out, err := run("", "import", "case", pkg); err == nil || !strings.Contains(out, "already stored") {
		t.Errorf("import case again: %v %s", err, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("CFItems: [{identifier: nope, fullStatement: x}]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := run("", "import", "case", bad); err == nil || !strings.Contains(out, "/CFDocument: ") || !strings.Contains(out, "/CFItems/0/identifier: ") {
		t.Errorf("a bad package lists its problems: %v %s", err, out)
	}
	if out, err := run("", "bogus"); err == nil || !strings.Contains(out, "unknown command") {
		t.Errorf("unknown command: %v %s", err, out)
	}
}
