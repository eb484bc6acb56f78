// Package export sends a list or report as a file: CSV (UTF-8 with a byte-order mark, so Excel reads Czech
// letters; comma- or semicolon-separated, the latter with decimal commas as Czech Excel expects) or XLSX (typed
// cells under a bold Czech header row, written with excelize's stream writer). Rows are written as the caller
// yields them, after the handler returns, so an export of a whole region is never held in memory as a whole.
package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Formats of a file export.
const (
	CSV  = "csv"
	XLSX = "xlsx"

	// XLSXType is the media type of an XLSX workbook.
	XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	// CSVType is the media type of a CSV file.
	CSVType = "text/csv; charset=utf-8"
)

// Query is the ?format= and ?delimiter= of an exportable list or report; JSON when format is absent.
type Query struct {
	Format    string `query:"format" validate:"omitempty,oneof=json csv xlsx"`
	Delimiter string `query:"delimiter" validate:"omitempty,oneof=comma semicolon"`
}

// File says whether the caller asked for a file rather than JSON.
func (q Query) File() bool { return q.Format == CSV || q.Format == XLSX }

// Table is what an export writes: the file's Czech name (without extension), the Czech column headers, and the
// rows, which Rows hands to emit one at a time, in order.
type Table struct {
	Name    string
	Columns []string
	Rows    func(ctx context.Context, emit func(values ...any) error) error
}

// Send answers the table as the file the query asks for. The body is written after the handler returns; an
// error then can no longer change the status, so it is logged and the file ends where it failed.
func Send(c *fiber.Ctx, q Query, t Table) error {
	ext, ctype := CSV, CSVType
	if q.Format == XLSX {
		ext, ctype = XLSX, XLSXType
	}
	c.Set(fiber.HeaderContentType, ctype)
	httpx.Attachment(c, t.Name, ext)
	ctx := context.WithoutCancel(c.UserContext())
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		var err error
		if q.Format == XLSX {
			err = writeXLSX(ctx, w, t)
		} else {
			err = writeCSV(ctx, w, t, q.Delimiter == "semicolon")
		}
		if err != nil {
			slog.ErrorContext(ctx, "export failed part-way", "name", t.Name, "err", err)
		}
	})
	return nil
}

func writeCSV(ctx context.Context, w *bufio.Writer, t Table, semicolon bool) error {
	if _, err := w.WriteString("\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180, as Excel writes it
	if semicolon {
		cw.Comma = ';'
	}
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	n := 0
	err := t.Rows(ctx, func(values ...any) error {
		rec := make([]string, len(values))
		for i, v := range values {
			rec[i] = text(v, semicolon)
		}
		if n++; n%1000 == 0 {
			cw.Flush()
		}
		return cw.Write(rec)
	})
	cw.Flush()
	if err != nil {
		return err
	}
	return cw.Error()
}

func writeXLSX(ctx context.Context, w *bufio.Writer, t Table) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	const sheet = "Sheet1"
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	stamp, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		return err
	}
	head := make([]any, len(t.Columns))
	for i, h := range t.Columns {
		head[i] = excelize.Cell{Value: h, StyleID: bold}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	row := 1
	err = t.Rows(ctx, func(values ...any) error {
		row++
		cells := make([]any, len(values))
		for i, v := range values {
			cells[i] = cell(v, date, stamp)
		}
		ref, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		return sw.SetRow(ref, cells)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if name := sheetName(t.Name); name != sheet {
		if err := f.SetSheetName(sheet, name); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// cell is a value as a typed XLSX cell: numbers stay numbers, days and instants get date formats (instants in
// Prague time, as people read them), nothing is empty.
func cell(v any, date, stamp int) any {
	switch x := v.(type) {
	case nil:
		return nil
	case *float64:
		if x == nil {
			return nil
		}
		return *x
	case *int:
		if x == nil {
			return nil
		}
		return *x
	case *string:
		if x == nil {
			return nil
		}
		return *x
	case database.Date:
		return excelize.Cell{Value: x.Time, StyleID: date}
	case *database.Date:
		if x == nil {
			return nil
		}
		return excelize.Cell{Value: x.Time, StyleID: date}
	case time.Time:
		l := x.In(prague)
		return excelize.Cell{Value: time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC), StyleID: stamp}
	case *time.Time:
		if x == nil {
			return nil
		}
		return cell(*x, date, stamp)
	case bool:
		return yesNo(x)
	}
	return v
}

// text is a value as CSV writes it; with semicolons (Czech Excel) decimals take a comma.
func text(v any, decimalComma bool) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case *string:
		if x == nil {
			return ""
		}
		return *x
	case int:
		return strconv.Itoa(x)
	case *int:
		if x == nil {
			return ""
		}
		return strconv.Itoa(*x)
	case float64:
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if decimalComma {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	case *float64:
		if x == nil {
			return ""
		}
		return text(*x, decimalComma)
	case bool:
		return yesNo(x)
	case database.Date:
		return x.String()
	case *database.Date:
		if x == nil {
			return ""
		}
		return x.String()
	case time.Time:
		return x.In(prague).Format("2006-01-02 15:04")
	case *time.Time:
		if x == nil {
			return ""
		}
		return text(*x, decimalComma)
	}
	return fmt.Sprint(v)
}

func yesNo(b bool) string {
	if b {
		return "ano"
	}
	return "ne"
}

var prague = database.Prague

// sheetName is a file name as a worksheet's name: at most 31 characters, without the ones Excel forbids.
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		return "Sheet1"
	}
	return name
}

// Words are the Czech words of a field's codes, as the SPA's catalogue has them.
type Words map[string]string

// Of is a code's word; a code without one goes out as it is rather than as an empty cell.
func (w Words) Of(code string) string {
	if s, ok := w[code]; ok {
		return s
	}
	return code
}
