package apitest

import (
	"bytes"
	"encoding/csv"
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

// CellType is the type of a cell of a workbook's sheet; a number's is CellTypeUnset or CellTypeNumber (OOXML's
// default is a number), text's CellTypeSharedString or CellTypeInlineString.
func CellType(t *testing.T, book *excelize.File, sheet, ref string) excelize.CellType {
	t.Helper()
	typ, err := book.GetCellType(sheet, ref)
	if err != nil {
		t.Fatalf("cell %s: %v", ref, err)
	}
	return typ
}
