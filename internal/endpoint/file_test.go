package endpoint

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

type numberQuery struct {
	Odd bool `query:"odd"`
}

// numbers is a stub list of 0…n-1 (only the odd ones with ?odd=true), paged by a cursor that is the last number
// given; it records the page sizes it was asked for.
func numbers(n int, limits *[]int) Fetch[numberQuery, int] {
	return func(_ context.Context, _ *auth.Principal, q numberQuery, pr httpx.PageRequest) (httpx.Page[int], error) {
		*limits = append(*limits, pr.Limit)
		after := -1
		if err := pr.DecodeCursor(&after); err != nil {
			return httpx.Page[int]{}, err
		}
		var rows []int
		for i := after + 1; i < n && len(rows) <= pr.Limit; i++ {
			if !q.Odd || i%2 == 1 {
				rows = append(rows, i)
			}
		}
		return httpx.NewPage(rows, pr.Limit, func(i int) any { return i }), nil
	}
}

// TestListWithFile: a file is the whole filtered list, fetched page after page of MaxLimit, every item once
// and in order, whatever ?limit= says; without ?format= the answer is the JSON page as before; a bad format or
// delimiter is a 422 naming it, and a refusal of the first page is the status, not a file.
func TestListWithFile(t *testing.T) {
	const n = 2*httpx.MaxLimit + 57
	var limits []int
	app := fiber.New(fiber.Config{ErrorHandler: httpx.ErrorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))})
	file := File[int]{Name: "Čísla", Columns: []string{"Číslo", "Sudé"}, Row: func(i int) []any { return []any{i, i%2 == 0} }}
	app.Get("/numbers", ListWithFile(numbers(n, &limits), file))
	app.Get("/refused", ListWithFile(func(context.Context, *auth.Principal, numberQuery, httpx.PageRequest) (httpx.Page[int], error) {
		return httpx.Page[int]{}, httpx.NewProblem(fiber.StatusForbidden, "no")
	}, file))
	get := func(path string) (int, string) {
		res, err := app.Test(httptest.NewRequest("GET", path, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, string(b)
	}

	status, body := get("/numbers?format=csv&delimiter=semicolon&limit=5")
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if status != 200 || err != nil || len(recs) != n+1 || strings.Join(recs[0], ";") != "Číslo;Sudé" {
		t.Fatalf("csv: %d, %d records, %v", status, len(recs), err)
	}
	for i, rec := range recs[1:] {
		if rec[0] != strconv.Itoa(i) {
			t.Fatalf("row %d is %v", i+1, rec)
		}
	}
	if recs[1][1] != "ano" || recs[2][1] != "ne" {
		t.Errorf("booleans: %v %v", recs[1], recs[2])
	}
	if len(limits) != 3 || limits[0] != httpx.MaxLimit || limits[2] != httpx.MaxLimit {
		t.Errorf("pages asked: %v", limits)
	}

	// The filters apply to every page.
	if status, body = get("/numbers?format=csv&odd=true"); status != 200 || strings.Count(body, "\r\n") != n/2+1 ||
		!strings.Contains(body, "\r\n1,ne\r\n3,ne\r\n") || strings.Contains(body, "\r\n2,") {
		t.Errorf("filtered csv: %d %.100q", status, body)
	}

	if status, body = get("/numbers?format=xlsx"); status != 200 || !bytes.HasPrefix([]byte(body), []byte("PK")) {
		t.Errorf("xlsx: %d %.20q", status, body)
	}

	limits = nil
	status, body = get("/numbers?limit=3")
	var page httpx.Page[int]
	if err := json.Unmarshal([]byte(body), &page); status != 200 || err != nil || len(page.Items) != 3 || page.NextCursor == nil || len(limits) != 1 {
		t.Errorf("json: %d %s %v", status, body, err)
	}

	for path, field := range map[string]string{"/numbers?format=pdf": "format", "/numbers?format=csv&delimiter=tab": "delimiter"} {
		if status, body = get(path); status != 422 || !strings.Contains(body, `"field":"`+field+`"`) {
			t.Errorf("%s: %d %s", path, status, body)
		}
	}
	if status, body = get("/refused?format=csv"); status != 403 || strings.HasPrefix(body, "\uFEFF") {
		t.Errorf("refused: %d %s", status, body)
	}
}

// TestDetach: a parsed query's strings, nested ones too, no longer point into the request's buffer.
func TestDetach(t *testing.T) {
	buf := []byte("Brno")
	s := unsafe.String(&buf[0], len(buf)) // as Fiber's parser leaves a value
	type inner struct {
		Place string
		Name  *string
	}
	q := struct {
		Q    string
		In   inner
		List []string
	}{Q: s, In: inner{Place: s, Name: &s}, List: []string{s}}
	detach(reflect.ValueOf(&q))
	buf[0] = 'X'
	if q.Q != "Brno" || q.In.Place != "Brno" || *q.In.Name != "Brno" || q.List[0] != "Brno" {
		t.Errorf("still in the buffer: %+v %q", q, *q.In.Name)
	}
}
