// Package paper prints documents for the personnel file (osobní spis): the agreed self-assessment and the
// individual development plan (IPV). SPOD quality standards 6a and 6b ask for a written yearly evaluation and a
// written plan, signed by the worker and the lead, so these are A4 PDFs in Czech with signature lines.
// Training adds the certificate (osvědčení) of an accredited course, verifiable by its QR code, and the
// attendance sheet (prezenční listina) the participants sign.
//
// The output depends only on the document given (PrintedAt or IssuedAt stands in for "now"), so the same record
// always prints to the same bytes.
package paper

import (
	"github.com/rozvoj/rozvoj/internal/database"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Czech dates must not depend on the zone database of the machine the server runs on.
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// Person is whom the document is about, as they are in the directory when it is printed.
type Person struct{ Name, Position, Organization, Team string }

// Level is a competency level 1–4; nil means not applicable or none.
type Level = *int

// Dates of events (submitted, approved, …) are printed as the day they were in Prague.
var prague = database.Prague

// Layout in millimetres.
const (
	marginLeft   = 20.0
	marginTop    = 18.0
	marginRight  = 20.0
	marginBottom = 20.0
	lineH        = 4.3 // one line of 9 pt text
	cellPadV     = 1.0 // space above and below the text of a table cell
	bodySize     = 9.5
	tableSize    = 9.0
	noteSize     = 8.5
	family       = "go"
)

// The Go fonts (golang.org/x/image/font/gofont) are TrueType bytes inside a Go package under the Go licence, so
// nothing is vendored and the binary carries its own font. They cover WGL4, which holds all Czech letters
// (č ď ě ň ř š ť ů ž and capitals), the typographic quotes „“, dashes and the ellipsis used on the signature
// lines; TestFontsCoverCzech proves it. Their humanist sans reads well on paper, so DejaVu is not needed.
var fonts = []struct {
	style string
	ttf   []byte
}{{"", goregular.TTF}, {"B", gobold.TTF}, {"I", goitalic.TTF}}

// covered is the set of runes the fonts draw. Text typed by people can hold anything (emoji, control
// characters); fpdf would index past its width table for runes above U+FFFF and draw nothing for missing glyphs.
var covered = sync.OnceValue(func() []bool {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		panic(err) // the font is compiled in
	}
	var buf sfnt.Buffer
	has := make([]bool, 0x10000)
	for r := range has {
		if gi, err := f.GlyphIndex(&buf, rune(r)); err == nil && gi != 0 {
			has[r] = true
		}
	}
	return has
})

// clean makes user text printable: line breaks kept, tabs and other spaces become spaces, control characters
// go, and anything the font cannot draw becomes "?".
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	has := covered()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		case int(r) < len(has) && has[r]:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return strings.TrimSpace(b.String())
}

// czDate writes the day the Czech way, "23. 11. 2026"; the zero time prints as a dash.
func czDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2. 1. 2006")
}

// czDay is czDate for an instant: the day it was in Prague.
func czDay(t time.Time) string {
	if t.IsZero() {
		return czDate(t)
	}
	return czDate(t.In(prague))
}

func czDayPtr(t *time.Time) string {
	if t == nil {
		return czDate(time.Time{})
	}
	return czDay(*t)
}

func level(l Level) string {
	if l == nil {
		return "—"
	}
	return strconv.Itoa(*l)
}

// levelLegend names the levels as the application does, so a number in a table means the same on paper.
const levelLegend = "Úrovně: 1 – začínající, 2 – samostatný, 3 – zkušený, 4 – expert."

// labelW is the width of the labels before values and signature lines, so they line up.
const labelW = 42.0

// page is a document being laid out.
type page struct {
	pdf *fpdf.Fpdf
}

// newPage starts an A4 document with the fonts, metadata and footer every paper shares. orientation is "P"
// (portrait) or "L" (landscape, for wide tables); footer is the text at the bottom left of every page (whose
// document it is and when it was printed).
func newPage(orientation, title, author, footer string, printed time.Time) *page {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	for _, f := range fonts {
		pdf.AddUTF8FontFromBytes(family, f.style, f.ttf)
	}
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(true, marginBottom)
	pdf.SetTitle(title, true)
	pdf.SetAuthor(author, true)
	pdf.SetCreator("rozvoj", true)
	pdf.SetLang("cs")
	pdf.SetCreationDate(printed)
	pdf.SetModificationDate(printed)
	pdf.SetCatalogSort(true)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		w, _ := pdf.GetPageSize()
		half := (w - marginLeft - marginRight) / 2
		pdf.SetY(-marginBottom + 6)
		pdf.SetFont(family, "", 7.5)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(half*1.4, 4, footer, "", 0, "L", false, 0, "")
		pdf.CellFormat(half*0.6, 4, "Strana "+strconv.Itoa(pdf.PageNo())+" z {nb}", "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.SetDrawColor(120, 120, 120)
	pdf.SetLineWidth(0.2)
	pdf.AddPage()
	return &page{pdf: pdf}
}

// bottom is where the body of a page ends.
func (p *page) bottom() float64 {
	_, h := p.pdf.GetPageSize()
	return h - marginBottom
}

// need starts a new page unless h millimetres are left on this one; it keeps a heading with what follows it.
func (p *page) need(h float64) {
	if p.pdf.GetY()+h > p.bottom() {
		p.pdf.AddPage()
	}
}

func (p *page) title(text, subtitle string) {
	p.pdf.SetFont(family, "B", 16)
	p.pdf.MultiCell(0, 7.5, text, "", "L", false)
	if subtitle != "" {
		p.pdf.SetFont(family, "", 10)
		p.pdf.MultiCell(0, 5, clean(subtitle), "", "L", false)
	}
	p.pdf.Ln(3)
}

func (p *page) heading(text string) {
	p.pdf.Ln(3)
	p.need(7 + 3*lineH) // the heading and the start of what it heads
	p.pdf.SetFont(family, "B", 11.5)
	p.pdf.MultiCell(0, 6, clean(text), "", "L", false)
	p.pdf.Ln(1)
}

// paragraph prints wrapped text, breaking pages as it goes.
func (p *page) paragraph(text, style string, size float64) {
	p.pdf.SetFont(family, style, size)
	p.pdf.MultiCell(0, lineH+0.3, clean(text), "", "L", false)
}

// fields prints label: value lines, the values wrapped beside their labels.
func (p *page) fields(rows [][2]string) {
	for _, r := range rows {
		p.need(lineH + 1)
		p.pdf.SetFont(family, "B", bodySize)
		p.pdf.CellFormat(labelW, lineH+1, r[0]+":", "", 0, "L", false, 0, "")
		p.pdf.SetFont(family, "", bodySize)
		value := clean(r[1])
		if value == "" {
			value = "—"
		}
		p.pdf.MultiCell(0, lineH+1, value, "", "L", false)
	}
}

// signatures ends a document with the lines both people sign, with their names under the dots.
func (p *page) signatures(worker, lead string) {
	p.pdf.Ln(6)
	p.need(44)
	p.pdf.SetFont(family, "", bodySize)
	p.pdf.MultiCell(0, lineH+1, "Svým podpisem stvrzujeme, že jsme obsah dokumentu společně projednali.", "", "L", false)
	p.signLine("Pracovník/pracovnice", worker)
	p.signLine("Vedoucí", lead)
}

// signLine is a labelled line of dots to sign and date by hand, with the signer's name under the dots.
func (p *page) signLine(role, name string) {
	p.pdf.Ln(9)
	p.pdf.SetFont(family, "", 10)
	p.pdf.CellFormat(labelW, 6, role+":", "", 0, "L", false, 0, "")
	p.pdf.CellFormat(0, 6, "……………………………………………   Datum: ……………………", "", 1, "L", false, 0, "")
	p.pdf.SetFont(family, "I", noteSize)
	p.pdf.SetX(marginLeft + labelW)
	p.pdf.CellFormat(0, 4, clean(name), "", 1, "L", false, 0, "")
}

// finish writes the document out, or the first error met while laying it out.
func (p *page) finish(w io.Writer) error {
	return p.pdf.Output(w)
}

// column is one column of a table: its header and width in millimetres.
type column struct {
	title string
	width float64
	align string
}

// cell is one cell of a table row; span > 1 joins it with the columns to its right.
type cell struct {
	text  string
	style string
	span  int
}

// table lays out rows that wrap their text, break across pages and repeat the header row on every page, under
// its caption marked as continued.
type table struct {
	p       *page
	caption string
	cols    []column
	// minLines is the least height of a body row in lines, so that a row leaves room for a handwritten signature.
	minLines int
}

func (p *page) table(caption string, cols ...column) *table {
	t := &table{p: p, caption: caption, cols: cols}
	t.p.need(2*(2*lineH+2*cellPadV) + 0.1) // the header and at least one row together
	t.header()
	return t
}

func (t *table) header() {
	cells := make([]cell, len(t.cols))
	for i, c := range t.cols {
		cells[i] = cell{text: c.title, style: "B"}
	}
	t.p.pdf.SetFillColor(232, 232, 232)
	t.draw(cells, t.p.split(cells, t.cols, tableSize-0.5), true, tableSize-0.5, 1)
}

// row prints one row. A row that does not fit on the rest of a page starts on the next one; a row longer than a
// whole page fills the page and goes on under the repeated header.
func (t *table) row(cells ...cell) {
	t.rowSized(tableSize, cells)
}

// note prints a full-width row of smaller text under the first column, such as the evidence of the row above.
func (t *table) note(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	t.rowSized(noteSize, []cell{{}, {text: text, style: "I", span: len(t.cols) - 1}})
}

func (t *table) rowSized(size float64, cells []cell) {
	lines := t.p.split(cells, t.cols, size)
	fresh := t.p.linesLeftAfterHeader()
	for {
		n := max(1, t.minLines)
		for _, l := range lines {
			n = max(n, len(l))
		}
		if left := t.p.linesLeft(); n > left && (n <= fresh || left < 2) {
			t.p.pdf.AddPage()
			t.p.pdf.SetFont(family, "B", bodySize)
			t.p.pdf.CellFormat(0, lineH+1.5, clean(t.caption)+" (pokračování)", "", 1, "L", false, 0, "")
			t.header()
		}
		k := min(n, t.p.linesLeft())
		chunk := make([][]string, len(lines))
		rest := false
		for i, l := range lines {
			chunk[i], lines[i] = l[:min(k, len(l))], l[min(k, len(l)):]
			rest = rest || len(lines[i]) > 0
		}
		t.draw(cells, chunk, false, size, min(k, t.minLines))
		if !rest {
			return
		}
	}
}

// linesLeft is how many table lines fit on the rest of the page.
func (p *page) linesLeft() int {
	return int(math.Floor((p.bottom() - p.pdf.GetY() - 2*cellPadV + 0.01) / lineH))
}

// linesLeftAfterHeader is how many lines a row gets on a new page under the caption and a two-line header.
func (p *page) linesLeftAfterHeader() int {
	_, h := p.pdf.GetPageSize()
	return int(math.Floor((h - marginBottom - marginTop - (lineH + 1.5) - (2*lineH + 2*cellPadV) - 2*cellPadV) / lineH))
}

// split wraps each cell's text to its width.
func (p *page) split(cells []cell, cols []column, size float64) [][]string {
	out := make([][]string, len(cells))
	col := 0
	for i, c := range cells {
		w := cellWidth(cols, col, c.span)
		col += max(c.span, 1)
		if text := clean(c.text); text != "" {
			p.pdf.SetFont(family, c.style, size)
			out[i] = p.pdf.SplitText(text, w)
		}
	}
	return out
}

func cellWidth(cols []column, from, span int) float64 {
	w := 0.0
	for _, c := range cols[from : from+max(span, 1)] {
		w += c.width
	}
	return w
}

// draw prints the given lines of a row as one band of framed cells, at least minLines high, at the current
// position.
func (t *table) draw(cells []cell, lines [][]string, fill bool, size float64, minLines int) {
	pdf := t.p.pdf
	n := max(1, minLines)
	for _, l := range lines {
		n = max(n, len(l))
	}
	h := float64(n)*lineH + 2*cellPadV
	x, y := marginLeft, pdf.GetY()
	style := "D"
	if fill {
		style = "FD"
	}
	col := 0
	for i, c := range cells {
		w := cellWidth(t.cols, col, c.span)
		align := t.cols[col].align
		if c.span > 1 {
			align = "L"
		}
		col += max(c.span, 1)
		pdf.Rect(x, y, w, h, style)
		pdf.SetFont(family, c.style, size)
		for j, line := range lines[i] {
			pdf.SetXY(x, y+cellPadV+float64(j)*lineH)
			pdf.CellFormat(w, lineH, line, "", 0, align, false, 0, "")
		}
		x += w
	}
	pdf.SetXY(marginLeft, y+h)
}
