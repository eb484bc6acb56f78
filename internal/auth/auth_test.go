package auth_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

func login(t *testing.T, s *apitest.Server, email, password string) *apitest.Response {
	t.Helper()
	return s.Post(t, "/api/v1/auth/login", "", map[string]string{"email": email, "password": password})
}

func refresh(t *testing.T, s *apitest.Server, cookie string) *apitest.Response {
	t.Helper()
	return s.Do(t, apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh",
		Headers: map[string]string{"Cookie": auth.RefreshCookie + "=" + cookie}})
}

func refreshCookie(t *testing.T, res *apitest.Response) string {
	t.Helper()
	c, ok := res.Cookie(auth.RefreshCookie)
	if !ok || c.Value == "" {
		t.Fatalf("no refresh cookie in %v", res.Header)
	}
	if !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteStrictMode || c.Path != "/api/v1/auth" {
		t.Errorf("refresh cookie must be HttpOnly, Secure, SameSite=Strict on /api/v1/auth: %+v", c)
	}
	return c.Value
}

func TestLoginRefreshLogout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)

		// Letter case of the e-mail does not matter.
		res := login(t, s, strings.ToUpper(w.WorkerA1.Email), apitest.Password)
		if res.Status != http.StatusOK {
			t.Fatalf("login: %d %s", res.Status, res.Body)
		}
		body := res.Map(t)
		if body["token_type"] != "Bearer" || body["expires_in"] != float64(900) {
			t.Errorf("login answer: %v", body)
		}
		user := body["user"].(map[string]any)
		if user["email"] != w.WorkerA1.Email {
			t.Errorf("login user: %v", user)
		}
		token := body["access_token"].(string)
		if me := s.Get(t, "/api/v1/me", token); me.Status != http.StatusOK || me.Map(t)["name"] != "Pracovnice A1" {
			t.Fatalf("me: %d %s", me.Status, me.Body)
		}

		first := refreshCookie(t, res)
		res = refresh(t, s, first)
		if res.Status != http.StatusOK {
			t.Fatalf("refresh: %d %s", res.Status, res.Body)
		}
		second := refreshCookie(t, res)
		if second == first {
			t.Fatal("refresh token did not rotate")
		}

		// Reusing the first token means it leaked: the whole family ends, the second token too.
		if res := refresh(t, s, first); res.Status != http.StatusUnauthorized {
			t.Fatalf("reused refresh token: %d", res.Status)
		}
		if res := refresh(t, s, second); res.Status != http.StatusUnauthorized {
			t.Fatalf("family not revoked after reuse: %d", res.Status)
		}

		// Logout ends the session of a fresh sign-in.
		third := refreshCookie(t, login(t, s, w.WorkerA1.Email, apitest.Password))
		res = s.Do(t, apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/logout",
			Headers: map[string]string{"Cookie": auth.RefreshCookie + "=" + third}})
		if res.Status != http.StatusNoContent {
			t.Fatalf("logout: %d", res.Status)
		}
		if res := refresh(t, s, third); res.Status != http.StatusUnauthorized {
			t.Fatalf("refresh after logout: %d", res.Status)
		}
		if res := refresh(t, s, ""); res.Status != http.StatusUnauthorized {
			t.Fatalf("refresh without cookie: %d", res.Status)
		}
	})
}

func TestBadCredentialsAndTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		for _, c := range []struct{ email, password string }{
			{w.WorkerA1.Email, "wrong password"},
			{"nobody@test.cz", apitest.Password},
		} {
			if res := login(t, s, c.email, c.password); res.Status != http.StatusUnauthorized {
				t.Errorf("login %s: %d", c.email, res.Status)
			}
		}
		if res := login(t, s, "", ""); res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), `"field":"email"`) {
			t.Errorf("empty login: %d %s", res.Status, res.Body)
		}
		for _, token := range []string{"", "not-a-jwt", forged(t)} {
			if res := s.Get(t, "/api/v1/me", token); res.Status != http.StatusUnauthorized {
				t.Errorf("me with token %q: %d", token, res.Status)
			}
		}
		// A deactivated person's token stops working at once.
		token := s.Login(t, w.WorkerA2.Email, apitest.Password)
		admin := s.Login(t, w.Admin.Email, apitest.Password)
		if res := s.Post(t, apitest.Path("users", w.WorkerA2.ID, "deactivate"), admin, nil); res.Status != http.StatusOK {
			t.Fatalf("deactivate: %d %s", res.Status, res.Body)
		}
		if res := s.Get(t, "/api/v1/me", token); res.Status != http.StatusUnauthorized {
			t.Errorf("deactivated person's token: %d", res.Status)
		}
		if res := login(t, s, w.WorkerA2.Email, apitest.Password); res.Status != http.StatusUnauthorized {
			t.Errorf("deactivated person's login: %d", res.Status)
		}
	})
}

// forged is a well-formed token signed with another secret.
func forged(t *testing.T) string {
	tok, err := auth.NewTokens([]byte("another-secret-entirely-000000"), 900e9).Issue([16]byte{1}, database.Now())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestLoginRateLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		for i := 0; i < 5; i++ {
			if res := login(t, s, w.WorkerA1.Email, "wrong"); res.Status != http.StatusUnauthorized {
				t.Fatalf("attempt %d: %d", i+1, res.Status)
			}
		}
		// The sixth try is refused even with the right password, and says when to come back.
		res := login(t, s, w.WorkerA1.Email, apitest.Password)
		if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("after 5 failures: %d Retry-After=%q", res.Status, res.Header.Get("Retry-After"))
		}
		// Another account from the same address is still fine: the per-account limit is per account.
		if res := login(t, s, w.WorkerA2.Email, apitest.Password); res.Status != http.StatusOK {
			t.Fatalf("other account: %d", res.Status)
		}
		// The per-address limit stops one address trying many accounts.
		for i := 0; i < 30; i++ {
			login(t, s, "guess"+string(rune('a'+i))+"@test.cz", "wrong")
		}
		if res := login(t, s, w.LeadA1.Email, apitest.Password); res.Status != http.StatusTooManyRequests {
			t.Fatalf("after 30 failures from one address: %d", res.Status)
		}
	})
}
