package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/rozvoj/rozvoj/internal/database"
)

// TestText: what a CSV cell says for each kind of value; with semicolons decimals take a comma.
func TestText(t *testing.T) {
	half, none := 2.5, (*float64)(nil)
	day := database.NewDate(2026, 3, 1)
	winter := time.Date(2026, 1, 1, 7, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		v     any
		comma bool
		want  string
	}{
		{"Jana", false, "Jana"}, {7, false, "7"}, {2.5, false, "2.5"}, {2.5, true, "2,5"}, {&half, true, "2,5"},
		{none, true, ""}, {nil, false, ""}, {true, false, "ano"}, {false, false, "ne"}, {day, false, "2026-03-01"},
		{&day, false, "2026-03-01"}, {(*database.Date)(nil), false, ""},
		{time.Date(2026, 7, 1, 7, 30, 0, 0, time.UTC), false, "2026-07-01 09:30"}, // Prague summer time
		{time.Date(2026, 1, 1, 7, 30, 0, 0, time.UTC), false, "2026-01-01 08:30"},
		{&winter, false, "2026-01-01 08:30"}, {(*time.Time)(nil), false, ""},
	} {
		if got := text(c.v, c.comma); got != c.want {
			t.Errorf("text(%#v, %v) = %q, want %q", c.v, c.comma, got, c.want)
		}
	}
}

// TestSendStreams: a table of 100,000 rows goes out as CSV and as XLSX, row by row, and reads back whole.
func TestSendStreams(t *testing.T) {
	const n = 100_000
	table := Table{Name: "Velký přehled", Columns: []string{"Č.", "Jméno", "Hodiny"},
		Rows: func(_ context.Context, emit func(values ...any) error) error {
			for i := range n {
				if err := emit(i, fmt.Sprintf("Osoba %d", i), float64(i)/4); err != nil {
					return err
				}
			}
			return nil
		}}
	app := fiber.New()
	app.Get("/", func(c *fiber.Ctx) error {
		var q Query
		if err := c.QueryParser(&q); err != nil {
			return err
		}
		return Send(c, q, table)
	})
	get := func(query string) ([]byte, string) {
		res, err := app.Test(httptest.NewRequest("GET", "/?"+query, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return b, res.Header.Get("Content-Type")
	}
	body, ctype := get("format=csv&delimiter=semicolon")
	if ctype != CSVType || !bytes.HasPrefix(body, []byte("\uFEFF")) {
		t.Fatalf("csv: %q %q", ctype, body[:20])
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil || len(recs) != n+1 || recs[n][2] != "24999,75" {
		t.Fatalf("csv: %d rows, last %v, %v", len(recs), recs[len(recs)-1], err)
	}
	body, ctype = get("format=xlsx")
	if ctype != XLSXType {
		t.Fatalf("xlsx: %q", ctype)
	}
	book, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := book.Rows("Velký přehled")
	if err != nil {
		t.Fatal(err)
	}
	count, last := 0, []string{}
	for rows.Next() {
		count++
		if last, err = rows.Columns(); err != nil {
			t.Fatal(err)
		}
	}
	if count != n+1 || strings.Join(last, "|") != "99999|Osoba 99999|24999.75" {
		t.Fatalf("xlsx: %d rows, last %v", count, last)
	}
}
