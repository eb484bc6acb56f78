// Package apitest runs the real application on a real listener for API tests, and checks every response it
// sees against the OpenAPI document, so the document cannot drift from what the server does.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/rozvoj/rozvoj/internal/apidoc"
	"github.com/rozvoj/rozvoj/internal/app"
	"github.com/rozvoj/rozvoj/internal/config"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/export"
)

// Config is the configuration tests run with.
func Config() config.Config {
	return config.Config{
		Secret: []byte("test-secret-of-sufficient-length"), AccessTTL: 15 * time.Minute, RefreshTTL: time.Hour,
		BodyLimit: 64 << 10, LogFormat: "text", BaseURL: "http://127.0.0.1",
		NotesKey: []byte("test-notes-key-of-thirty-two-byt"),
	}
}

// Server is the application listening on 127.0.0.1 for one test.
type Server struct {
	URL string
	DB  *database.DB
	App *app.App
	t   *testing.T
}

// Start prepares the database (migrations, shipped data) and serves the app until the test ends.
func Start(t *testing.T, db *database.DB) *Server {
	t.Helper()
	return StartWith(t, db, Config())
}

// StartWith is Start with a given configuration.
func StartWith(t *testing.T, db *database.DB, cfg config.Config) *Server {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(&testWriter{t: t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	if err := app.Prepare(context.Background(), db, log); err != nil {
		t.Fatalf("prepare: %v", err)
	}
	a, err := app.New(cfg, db, log)
	if err != nil {
		t.Fatalf("app: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = a.Fiber.Listener(ln) }()
	t.Cleanup(func() { _ = a.Fiber.ShutdownWithTimeout(5 * time.Second) })
	return &Server{URL: "http://" + ln.Addr().String(), DB: db, App: a, t: t}
}

type testWriter struct{ t *testing.T }

func (w *testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// Request is one call; zero values mean "none".
type Request struct {
	Method  string
	Path    string
	Body    any    // marshalled as JSON unless it is a string or []byte (sent raw), or a Form
	Token   string // bearer token
	Headers map[string]string
}

// Form is a multipart/form-data body: text fields, and files by field name.
type Form struct {
	Fields map[string]string
	Files  map[string]File
}

// File is a file of a Form, under the name the client gives it.
type File struct {
	Name string
	Data []byte
}

func (f Form) encode(t *testing.T) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range f.Fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for k, file := range f.Files {
		w, err := mw.CreateFormFile(k, file.Name)
		if err == nil {
			_, err = w.Write(file.Data)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &b, mw.FormDataContentType()
}

// Response is what came back, with the body read.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v.
func (r *Response) JSON(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Map decodes the body as a JSON object.
func (r *Response) Map(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	r.JSON(t, &m)
	return m
}

// Cookie returns the value of a cookie the response set.
func (r *Response) Cookie(name string) (*http.Cookie, bool) {
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == name {
			return c, true
		}
	}
	return nil, false
}

// Do sends a request and checks the response against the OpenAPI document.
func (s *Server) Do(t *testing.T, r Request) *Response {
	t.Helper()
	var body io.Reader
	ctype := ""
	switch b := r.Body.(type) {
	case nil:
	case Form:
		body, ctype = b.encode(t)
	case string:
		body, ctype = strings.NewReader(b), "application/json"
	case []byte:
		body, ctype = bytes.NewReader(b), "application/json"
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body, ctype = bytes.NewReader(raw), "application/json"
	}
	req, err := http.NewRequest(r.Method, s.URL+r.Path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", r.Method, r.Path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := &Response{Status: res.StatusCode, Header: res.Header, Body: raw}
	checkContract(t, req, out)
	return out
}

// Get, Post, Patch, Put are shorthands of Do.
func (s *Server) Get(t *testing.T, path, token string) *Response {
	t.Helper()
	return s.Do(t, Request{Method: http.MethodGet, Path: path, Token: token})
}

func (s *Server) Post(t *testing.T, path, token string, body any) *Response {
	t.Helper()
	return s.Do(t, Request{Method: http.MethodPost, Path: path, Token: token, Body: body})
}

func (s *Server) Put(t *testing.T, path, token string, body any) *Response {
	t.Helper()
	return s.Do(t, Request{Method: http.MethodPut, Path: path, Token: token, Body: body})
}

func (s *Server) Patch(t *testing.T, path, token, ifMatch string, body any) *Response {
	t.Helper()
	return s.Do(t, Request{Method: http.MethodPatch, Path: path, Token: token, Body: body, Headers: map[string]string{"If-Match": ifMatch}})
}

// Login signs in and returns the access token; it fails the test when sign-in fails.
func (s *Server) Login(t *testing.T, email, password string) string {
	t.Helper()
	res := s.Post(t, "/api/v1/auth/login", "", map[string]string{"email": email, "password": password})
	if res.Status != http.StatusOK {
		t.Fatalf("login %s: %d %s", email, res.Status, res.Body)
	}
	var body struct {
		AccessToken string `json:"access_token"`
	}
	res.JSON(t, &body)
	return body.AccessToken
}

var (
	contractOnce   sync.Once
	contractRouter routers.Router
	contractErr    error
)

// checkContract fails the test when a response does not match the OpenAPI document: an undocumented route
// or status, or a body of another shape. Problems are checked for their RFC 9457 media type too.
func checkContract(t *testing.T, req *http.Request, res *Response) {
	t.Helper()
	contractOnce.Do(func() {
		var raw []byte
		if raw, contractErr = apidoc.JSON(); contractErr != nil {
			return
		}
		var doc *openapi3.T
		if doc, contractErr = openapi3.NewLoader().LoadFromData(raw); contractErr != nil {
			return
		}
		doc.Servers = openapi3.Servers{{URL: "/"}}
		// Printed documents and downloaded files are checked for their media type; their bytes are the tests' business.
		for _, kind := range []string{"application/pdf", "image/png", "image/jpeg", "text/csv", export.XLSXType} {
			openapi3filter.RegisterBodyDecoder(kind, openapi3filter.FileBodyDecoder)
		}
		contractRouter, contractErr = gorillamux.NewRouter(doc)
	})
	if contractErr != nil {
		t.Fatalf("openapi document: %v", contractErr)
	}
	if res.Status >= 400 && !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
		t.Errorf("%s %s: error %d is %q, not application/problem+json", req.Method, req.URL.Path, res.Status, res.Header.Get("Content-Type"))
	}
	u := *req.URL
	u.Scheme, u.Host = "", ""
	routed := req.Clone(context.Background())
	routed.URL = &u
	route, params, err := contractRouter.FindRoute(routed)
	if err != nil {
		if res.Status == http.StatusNotFound || res.Status == http.StatusMethodNotAllowed {
			return // an unknown path: nothing in the document to match
		}
		t.Errorf("%s %s answered %d but is not in the OpenAPI document: %v", req.Method, req.URL.Path, res.Status, err)
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: routed, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status:  res.Status,
		Header:  res.Header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(res.Body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s → %d does not match the OpenAPI document: %v\nbody: %.500s", req.Method, req.URL.Path, res.Status, err, res.Body)
	}
}

// Versioned sends a request with If-Match set to version when version > 0.
func (s *Server) Versioned(t *testing.T, method, path, token string, version int, body any) *Response {
	t.Helper()
	h := map[string]string{}
	if version > 0 {
		h["If-Match"] = `"` + strconv.Itoa(version) + `"`
	}
	return s.Do(t, Request{Method: method, Path: path, Token: token, Body: body, Headers: h})
}

// Expect fails the test unless the response has the status; with field, the problem must name it.
func Expect(t *testing.T, r *Response, status int, field, what string) *Response {
	t.Helper()
	if r.Status != status {
		t.Fatalf("%s: %d %s, want %d", what, r.Status, r.Body, status)
	}
	if field != "" && !strings.Contains(string(r.Body), `"field":"`+field+`"`) {
		t.Fatalf("%s: the problem does not name %s: %s", what, field, r.Body)
	}
	return r
}
