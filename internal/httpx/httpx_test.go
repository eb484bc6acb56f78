package httpx

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v2"
)

// call runs fn as the handler of one request and returns what it returned, so the helpers are tested on a
// real fiber context without a listener.
func call(t *testing.T, req *http.Request, fn func(c *fiber.Ctx) error) error {
	t.Helper()
	var got error
	app := fiber.New()
	app.All("/*", func(c *fiber.Ctx) error {
		got = fn(c)
		return nil
	})
	res, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	return got
}

func post(body, ctype string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(body))
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	return r
}

// wantProblem checks err is a problem of a status naming the fields (and their codes, "field=code").
func wantProblem(t *testing.T, err error, status int, fields ...string) *Problem {
	t.Helper()
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("got %v, want a %d problem", err, status)
	}
	if p.Status != status {
		t.Fatalf("got %d (%s), want %d", p.Status, p.Detail, status)
	}
	var named []string
	for _, e := range p.Errors {
		named = append(named, e.Field+"="+e.Code)
		if e.Message == "" {
			t.Errorf("no message for %s", e.Field)
		}
	}
	for _, f := range fields {
		if !slices.Contains(named, f) {
			t.Errorf("errors %v, want %s among them", named, f)
		}
	}
	return p
}

type roleIn struct {
	Role   string `json:"role" validate:"required,oneof=worker lead"`
	TeamID string `json:"team_id,omitempty" validate:"omitempty,uuid"`
}

type personIn struct {
	Email string   `json:"email" validate:"required,email"`
	Kind  *string  `json:"kind" validate:"omitempty,len=0|oneof=a b"` // "" clears
	Age   int      `json:"age" validate:"omitempty,max=150"`
	Code  string   `json:"code" validate:"omitempty,httpxtest"`
	Roles []roleIn `json:"roles" validate:"max=2,dive"`
}

func init() {
	RegisterValidation("httpxtest", "Use the word test.", func(fl validator.FieldLevel) bool { return fl.Field().String() == "test" })
}

func TestBind(t *testing.T) {
	bind := func(t *testing.T, body, ctype string) (personIn, error) {
		var in personIn
		err := call(t, post(body, ctype), func(c *fiber.Ctx) error { return Bind(c, &in) })
		return in, err
	}
	t.Run("valid", func(t *testing.T) {
		in, err := bind(t, `{"email":"a@b.cz","kind":"","age":30,"roles":[{"role":"lead","team_id":"0196a0c2-6e2b-7c3e-9a51-3f1a1f0f0f0f"}]}`, "application/json")
		if err != nil || in.Email != "a@b.cz" || in.Kind == nil || *in.Kind != "" || len(in.Roles) != 1 {
			t.Fatalf("%+v %v", in, err)
		}
	})
	for _, ctype := range []string{"application/json; charset=utf-8", "Application/JSON"} {
		t.Run("content type "+ctype, func(t *testing.T) {
			if _, err := bind(t, `{"email":"a@b.cz"}`, ctype); err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, c := range []struct {
		name, body, ctype string
		status            int
		fields            []string // "field=code"
	}{
		{"no content type", `{"email":"a@b.cz"}`, "", 415, nil},
		{"text", `{"email":"a@b.cz"}`, "text/plain", 415, nil},
		{"form", `email=a@b.cz`, "application/x-www-form-urlencoded", 415, nil},
		{"empty body", ``, "application/json", 400, nil},
		{"truncated", `{"email":`, "application/json", 400, nil},
		{"syntax", `{email: 1}`, "application/json", 400, nil},
		{"a list", `[]`, "application/json", 400, nil},
		{"a string", `"x"`, "application/json", 400, nil},
		{"two values", `{"email":"a@b.cz"} {}`, "application/json", 400, nil},
		{"wrong type", `{"email":"a@b.cz","age":"old"}`, "application/json", 422, []string{"age=type"}},
		{"unknown field", `{"email":"a@b.cz","colour":"red"}`, "application/json", 422, []string{"colour=unknown"}},
		{"required", `{}`, "application/json", 422, []string{"email=required"}},
		{"null body", `null`, "application/json", 422, []string{"email=required"}},
		{"email", `{"email":"nope"}`, "application/json", 422, []string{"email=email"}},
		{"max", `{"email":"a@b.cz","age":151}`, "application/json", 422, []string{"age=max"}},
		{"clearable oneof", `{"email":"a@b.cz","kind":"c"}`, "application/json", 422, []string{"kind=oneof"}},
		{"registered check", `{"email":"a@b.cz","code":"x"}`, "application/json", 422, []string{"code=httpxtest"}},
		{"nested", `{"email":"a@b.cz","roles":[{"role":"boss"},{"role":"lead","team_id":"x"}]}`, "application/json", 422,
			[]string{"roles[0].role=oneof", "roles[1].team_id=uuid"}},
		{"nested required", `{"email":"a@b.cz","roles":[{"role":"lead"},{}]}`, "application/json", 422, []string{"roles[1].role=required"}},
		{"list too long", `{"email":"a@b.cz","roles":[{"role":"lead"},{"role":"lead"},{"role":"lead"}]}`, "application/json", 422, []string{"roles=max"}},
		{"several fields at once", `{"age":200}`, "application/json", 422, []string{"email=required", "age=max"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := bind(t, c.body, c.ctype)
			wantProblem(t, err, c.status, c.fields...)
		})
	}
	t.Run("nested wrong type names the field", func(t *testing.T) {
		_, err := bind(t, `{"email":"a@b.cz","roles":[{"role":5}]}`, "application/json")
		p := wantProblem(t, err, 422)
		if len(p.Errors) != 1 || !strings.HasPrefix(p.Errors[0].Field, "roles") || !strings.HasSuffix(p.Errors[0].Field, "role") {
			t.Errorf("errors %+v", p.Errors)
		}
	})
}

func TestMessages(t *testing.T) {
	for body, want := range map[string]string{
		`{}`:                            "This field is required.",
		`{"email":"x"}`:                 "Enter a valid e-mail address.",
		`{"email":"a@b.cz","kind":"c"}`: "Choose one of: a, b.",
		`{"email":"a@b.cz","age":151}`:  "At most 150.",
		`{"email":"a@b.cz","code":"x"}`: "Use the word test.",
		`{"email":"a@b.cz","roles":[{"role":"lead","team_id":"x"}]}`: "Expected an identifier (UUID).",
	} {
		var in personIn
		err := call(t, post(body, "application/json"), func(c *fiber.Ctx) error { return Bind(c, &in) })
		p := wantProblem(t, err, 422)
		if len(p.Errors) != 1 || p.Errors[0].Message != want {
			t.Errorf("%s: %+v, want %q", body, p.Errors, want)
		}
	}
}

func TestCheckQueryNames(t *testing.T) {
	// List filters carry only query tags; a client must see the parameter's name.
	type query struct {
		Kind       string `query:"kind" validate:"omitempty,oneof=a b"`
		RegionCode string `query:"region_code" validate:"omitempty,len=5"`
	}
	wantProblem(t, Check(&query{Kind: "c", RegionCode: "x"}), 422, "kind=oneof", "region_code=len")
	if err := Check(&query{Kind: "a"}); err != nil {
		t.Error(err)
	}
}

func TestParseQueryNamesWhatDidNotConvert(t *testing.T) {
	// A value of the wrong type is a 422 naming the parameter, as a value out of range is, not a bare 400.
	type query struct {
		Led    bool   `query:"led"`
		Active *bool  `query:"active"`
		Year   int    `query:"year" validate:"omitempty,min=2000"`
		Q      string `query:"q"`
	}
	parse := func(target string) error {
		return call(t, httptest.NewRequest(http.MethodGet, target, nil), func(c *fiber.Ctx) error {
			var q query
			return ParseQuery(c, &q)
		})
	}
	p := wantProblem(t, parse("/x?led=maybe&active=yes&year=dva&q=x"), 422, "active=type", "led=type", "year=type")
	for _, e := range p.Errors {
		want := map[string]string{"led": "Expected true or false.", "active": "Expected true or false.", "year": "Expected a number."}[e.Field]
		if e.Message != want {
			t.Errorf("%s: %q, want %q", e.Field, e.Message, want)
		}
	}
	wantProblem(t, parse("/x?year=1999"), 422, "year=min")
	if err := parse("/x?led=true&active=false&year=2026&q=x"); err != nil {
		t.Error(err)
	}
}

func TestFieldPath(t *testing.T) {
	for ns, want := range map[string]string{
		"UserInput.roles[0].role": "roles[0].role",
		"PeopleInput.user_ids[3]": "user_ids[3]",
		"UserInput.email":         "email",
		"email":                   "email",
	} {
		if got := fieldPath(ns); got != want {
			t.Errorf("fieldPath(%q) = %q, want %q", ns, got, want)
		}
	}
}

func TestParsePage(t *testing.T) {
	parse := func(t *testing.T, query string) (PageRequest, error) {
		var pr PageRequest
		err := call(t, httptest.NewRequest(http.MethodGet, "/x?"+query, nil), func(c *fiber.Ctx) error {
			var err error
			pr, err = ParsePage(c)
			return err
		})
		return pr, err
	}
	for q, want := range map[string]int{"": DefaultLimit, "limit=1": 1, "limit=200": MaxLimit, "limit=37": 37} {
		pr, err := parse(t, q)
		if err != nil || pr.Limit != want || pr.Cursor != nil {
			t.Errorf("%q: %+v %v", q, pr, err)
		}
	}
	for _, q := range []string{"limit=0", "limit=201", "limit=-5", "limit=ten", "limit=1.5", "limit=1e2"} {
		_, err := parse(t, q)
		wantProblem(t, err, 422, "limit=range")
	}
	cur := base64.RawURLEncoding.EncodeToString([]byte(`{"n":"Alfa"}`))
	pr, err := parse(t, "cursor="+cur)
	if err != nil || string(pr.Cursor) != `{"n":"Alfa"}` {
		t.Errorf("cursor: %q %v", pr.Cursor, err)
	}
	for _, c := range []string{"!!", cur + "=", "a+b/"} {
		_, err := parse(t, "cursor="+c)
		wantProblem(t, err, 422, "cursor=cursor")
	}
	var v struct{ N string }
	wantProblem(t, PageRequest{Cursor: []byte("not json")}.DecodeCursor(&v), 422, "cursor=cursor")
	wantProblem(t, PageRequest{Cursor: []byte(`{"N":5}`)}.DecodeCursor(&v), 422, "cursor=cursor")
	if err := (PageRequest{}).DecodeCursor(&v); err != nil || v.N != "" {
		t.Errorf("no cursor: %+v %v", v, err)
	}
}

func TestNewPage(t *testing.T) {
	type row struct{ N string }
	cursorOf := func(r row) any { return map[string]string{"n": r.N} }
	rows := []row{{"a"}, {"b"}, {"c"}}

	p := NewPage(rows, 2, cursorOf) // fetched limit+1: there is more
	if len(p.Items) != 2 || p.NextCursor == nil {
		t.Fatalf("page: %+v", p)
	}
	raw, err := base64.RawURLEncoding.DecodeString(*p.NextCursor)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]string
	if err := (PageRequest{Cursor: raw}).DecodeCursor(&back); err != nil || back["n"] != "b" {
		t.Errorf("the cursor is the last item kept: %s %v", raw, err)
	}

	last := NewPage(rows, 3, cursorOf)
	if len(last.Items) != 3 || last.NextCursor != nil {
		t.Errorf("last page: %+v", last)
	}
	empty := NewPage[row](nil, 10, cursorOf)
	b, _ := json.Marshal(empty)
	if string(b) != `{"items":[],"next_cursor":null}` {
		t.Errorf("empty page: %s", b)
	}
}

func TestIfMatch(t *testing.T) {
	ifMatch := func(t *testing.T, h string, set bool) (int, error) {
		r := httptest.NewRequest(http.MethodPatch, "/x", nil)
		if set {
			r.Header.Set("If-Match", h)
		}
		var v int
		err := call(t, r, func(c *fiber.Ctx) error {
			var err error
			v, err = IfMatch(c)
			return err
		})
		return v, err
	}
	for h, want := range map[string]int{`"3"`: 3, `W/"3"`: 3, `3`: 3, ` "12" `: 12} {
		if v, err := ifMatch(t, h, true); err != nil || v != want {
			t.Errorf("If-Match %s: %d %v", h, v, err)
		}
	}
	_, err := ifMatch(t, "", false)
	wantProblem(t, err, http.StatusPreconditionRequired)
	_, err = ifMatch(t, "  ", true)
	wantProblem(t, err, http.StatusPreconditionRequired)
	for _, h := range []string{"junk", `"abc"`, `"0"`, `"-1"`, "*", `"3", "4"`, `W/"x"`} {
		_, err := ifMatch(t, h, true)
		wantProblem(t, err, http.StatusBadRequest)
	}
}

func TestSetVersionAndUUIDParam(t *testing.T) {
	app := fiber.New(fiber.Config{ErrorHandler: ErrorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))})
	app.Get("/r/:id", func(c *fiber.Ctx) error {
		if _, err := UUIDParam(c, "id"); err != nil {
			return err
		}
		SetVersion(c, 7)
		return c.SendStatus(http.StatusOK)
	})
	res, err := app.Test(httptest.NewRequest(http.MethodGet, "/r/0196a0c2-6e2b-7c3e-9a51-3f1a1f0f0f0f", nil), -1)
	if err != nil || res.StatusCode != 200 || res.Header.Get("ETag") != `"7"` {
		t.Fatalf("%v %v", res, err)
	}
	res, err = app.Test(httptest.NewRequest(http.MethodGet, "/r/not-a-uuid", nil), -1)
	if err != nil || res.StatusCode != 404 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("malformed identifier: %v %v", res, err)
	}
}

func TestErrorHandler(t *testing.T) {
	app := fiber.New(fiber.Config{ErrorHandler: ErrorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))})
	app.Use(func(c *fiber.Ctx) error { c.Locals(RequestIDKey, "req-1"); return c.Next() })
	app.Get("/problem", func(*fiber.Ctx) error { return FieldInvalid("ico", "ico", "Bad.") })
	app.Get("/boom", func(*fiber.Ctx) error { return errors.New("secret detail") })
	app.Get("/busy", func(*fiber.Ctx) error { return TooManyRequests("Slow down.", 30) })
	for _, c := range []struct {
		path   string
		status int
		check  func(p Problem, h http.Header) bool
	}{
		{"/problem", 422, func(p Problem, _ http.Header) bool {
			return len(p.Errors) == 1 && p.Errors[0].Field == "ico" && p.Instance == "/problem" && p.RequestID == "req-1"
		}},
		{"/boom", 500, func(p Problem, _ http.Header) bool {
			return p.RequestID == "req-1" && !strings.Contains(p.Detail, "secret")
		}},
		{"/busy", 429, func(_ Problem, h http.Header) bool { return h.Get("Retry-After") == "30" }},
		{"/nowhere", 404, func(p Problem, _ http.Header) bool { return p.Title == "Not Found" }},
	} {
		res, err := app.Test(httptest.NewRequest(http.MethodGet, c.path, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		var p Problem
		if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		if res.StatusCode != c.status || p.Status != c.status || res.Header.Get("Content-Type") != "application/problem+json" || !c.check(p, res.Header) {
			t.Errorf("%s: %d %s %+v", c.path, res.StatusCode, res.Header.Get("Content-Type"), p)
		}
	}
}

func TestASCIIName(t *testing.T) {
	for in, want := range map[string]string{
		"Sebehodnocení Jana Nováková 2026-11-23": "sebehodnoceni-jana-novakova-2026-11-23",
		"IPV Řehoř Žďárský (2027)":               "ipv-rehor-zdarsky-2027",
		`"; rm -rf /`:                            "rm-rf",
	} {
		if got := asciiName(in); got != want {
			t.Errorf("asciiName(%q) = %q, want %q", in, got, want)
		}
	}
}
