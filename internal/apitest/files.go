package apitest

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// CSV reads the body as a CSV export: it must start with the byte-order mark; sep is ',' or ';'.
func (r *Response) CSV(t *testing.T, sep rune) [][]string {
	t.Helper()
	body, ok := bytes.CutPrefix(r.Body, []byte("\uFEFF"))
	if !ok {
		t.Fatalf("the csv has no byte-order mark: %.80q", r.Body)
	}
	cr := csv.NewReader(bytes.NewReader(body))
	cr.Comma = sep
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("csv: %v: %.300q", err, body)
	}
	return recs
}

// XLSX opens the body as a workbook and returns it with its first sheet's name.
func (r *Response) XLSX(t *testing.T) (*excelize.File, string) {
	t.Helper()
	book, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	t.Cleanup(func() { _ = book.Close() })
	return book, book.GetSheetName(0)
}

// WantNumberCells fails the test unless the cells of a workbook's sheet are numbers (dates and times included):
// their type is unset or number (OOXML's default is a number), not text.
func WantNumberCells(t *testing.T, book *excelize.File, sheet string, refs ...string) {
	t.Helper()
	for _, ref := range refs {
		typ, err := book.GetCellType(sheet, ref)
		if err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			v, _ := book.GetCellValue(sheet, ref)
			t.Errorf("cell %s (%q) is typed %v, not a number: %v", ref, v, typ, err)
		}
	}
}

// WantRow fails the test unless a file's row is want: its cells joined by semicolons, "*" matching any cell.
func WantRow(t *testing.T, what string, got []string, want string) {
	t.Helper()
	cells := strings.Split(want, ";")
	ok := len(cells) == len(got)
	for i := 0; ok && i < len(cells); i++ {
		ok = cells[i] == "*" || cells[i] == got[i]
	}
	if !ok {
		t.Errorf("%s: row %q, want %q", what, got, want)
	}
}
