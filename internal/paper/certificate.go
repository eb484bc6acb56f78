package paper

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/boombuler/barcode/qr"
	"github.com/go-pdf/fpdf"
)

// CertificateDoc is the certificate (osvědčení) a present participant of an accredited course gets. Its content
// follows what an MPSV accreditation asks a certificate to state: the provider, the accreditation number, the
// programme, the participant, the hours, dates and place, and a unique number.
type CertificateDoc struct {
	Number              string     // unique, e.g. "RZV-2026-000123"
	PersonName          string     // as it is in the directory, with degrees
	BirthDate           *time.Time // optional calendar day
	CourseTitle         string
	AccreditationNumber string
	Form                string  // course|conference|internship|specialisation|e_learning|training_event
	Hours               float64 // teaching hours (hodiny výuky)
	StartsOn, EndsOn    time.Time
	Place               string // where the course took place; the certificate is issued there too
	ProviderName        string
	ProviderICO         string
	SignatoryName       string
	SignatoryRole       string
	IssuedAt            time.Time
	VerifyURL           string // GET /verify/{code}, printed and as a QR code
}

// formLabels are the Czech names of a course's form (forma vzdělávání), as the application shows them.
var formLabels = map[string]string{
	"course": "kurz", "conference": "konference", "internship": "stáž",
	"specialisation": "specializační vzdělávání", "e_learning": "e-learning", "training_event": "školicí akce",
}

// Certificate layout in millimetres (A4 portrait).
const (
	certFrame   = 10.0 // the outer frame's distance from the paper's edge
	certQR      = 34.0 // the QR code's side
	certBlue    = 40   // the frame and title colour is RGB(certBlue, 70, 120)
	qrModulePx  = 8    // pixels per QR module in the embedded PNG, so viewers that smooth images keep edges sharp
	qrQuietZone = 4    // white modules around the code, as ISO/IEC 18004 asks for
)

// WriteCertificate prints a one-page certificate with the verification URL as text and as a QR code. The
// certificate is useless without its number and URL, so it refuses to print without them.
func WriteCertificate(w io.Writer, d CertificateDoc) error {
	number, verify := clean(d.Number), strings.TrimSpace(d.VerifyURL)
	if number == "" || verify == "" {
		return errors.New("paper: a certificate needs its number and verification URL")
	}
	code, err := qrPNG(verify)
	if err != nil {
		return err
	}
	issued := printedAt(d.IssuedAt)
	p := newPage("P", "Osvědčení "+number+" – "+clean(d.PersonName), clean(d.ProviderName), "", issued)
	pdf := p.pdf
	pdf.SetFooterFunc(nil) // one page that speaks for itself: no page numbers
	pdf.SetAutoPageBreak(false, 0)
	pageW, pageH := pdf.GetPageSize()
	contentW := pageW - marginLeft - marginRight

	pdf.SetDrawColor(certBlue, 70, 120)
	pdf.SetLineWidth(0.9)
	pdf.Rect(certFrame, certFrame, pageW-2*certFrame, pageH-2*certFrame, "D")
	pdf.SetLineWidth(0.25)
	pdf.Rect(certFrame+2, certFrame+2, pageW-2*certFrame-4, pageH-2*certFrame-4, "D")

	pdf.SetY(24)
	p.centered(d.ProviderName, "B", 12, 5.5)
	if ico := clean(d.ProviderICO); ico != "" {
		p.centered("IČO "+ico, "", 9.5, 4.5)
	}

	pdf.SetY(48)
	pdf.SetTextColor(certBlue, 70, 120)
	p.centered("OSVĚDČENÍ", "B", 34, 14)
	pdf.SetTextColor(0, 0, 0)
	p.centered("o absolvování akreditovaného vzdělávacího programu", "", 13, 7)
	pdf.Ln(1)
	p.centered("č. "+number, "", 10, 5)

	pdf.SetY(pdf.GetY() + 12)
	p.centered(providerLine(d.ProviderName, d.ProviderICO)+" potvrzuje, že", "", 11, 5.5)
	pdf.Ln(4)
	p.centered(d.PersonName, "B", 22, 10)
	if d.BirthDate != nil {
		p.centered("nar. "+czDay(*d.BirthDate), "", 11, 5.5)
	}
	pdf.Ln(4)
	p.centered("absolvoval(a) akreditovaný vzdělávací program", "", 11, 5.5)
	pdf.Ln(3)
	// A long title gets smaller rather than pushing the signature into the QR code.
	title, size := "„"+clean(d.CourseTitle)+"“", 16.0
	for ; size > 11; size-- {
		p.pdf.SetFont(family, "B", size)
		if len(p.wrapCzech(title, contentW)) <= 3 {
			break
		}
	}
	p.centered(title, "B", size, size*0.47)
	pdf.Ln(3)
	p.centered("č. akreditace MPSV "+clean(d.AccreditationNumber), "B", 11, 5.5)
	pdf.Ln(3)
	what := "v rozsahu " + czHours(d.Hours)
	if form := clean(label(formLabels, d.Form)); form != "" {
		what = "forma " + form + ", " + what
	}
	p.centered(what, "", 11, 5.5)
	when := "konaný " + czDays(d.StartsOn, d.EndsOn)
	if place := clean(d.Place); place != "" {
		when += ", místo konání: " + place
	}
	p.centered(when, "", 11, 5.5)
	pdf.Ln(5)
	p.centered("Vzdělávací program je akreditován Ministerstvem práce a sociálních věcí podle zákona "+
		"č. 108/2006 Sb., o sociálních službách.", "I", 8.5, 4.2)

	// Place and date of issue on the left, the signature on the right, on one line above the QR code.
	half := contentW / 2
	y := max(pdf.GetY()+14, 190.0)
	issuedAt := czDay(issued)
	if place := clean(d.Place); place != "" {
		issuedAt = place + ", " + issuedAt
	}
	pdf.SetXY(marginLeft, y+6)
	pdf.SetFont(family, "", 10)
	pdf.CellFormat(half, 6, "Místo a datum vydání: "+issuedAt, "", 0, "L", false, 0, "")
	pdf.SetXY(marginLeft+half, y+6)
	pdf.CellFormat(half, 6, "……………………………………………", "", 2, "C", false, 0, "")
	pdf.SetFont(family, "B", 10)
	pdf.CellFormat(half, 5, clean(d.SignatoryName), "", 2, "C", false, 0, "")
	pdf.SetFont(family, "", 9)
	pdf.MultiCell(half, 4.2, clean(d.SignatoryRole), "", "C", false)

	qrY := pageH - certFrame - 8 - 12 - certQR
	pdf.RegisterImageOptionsReader("qr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(code))
	pdf.ImageOptions("qr", (pageW-certQR)/2, qrY, certQR, certQR, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	pdf.SetXY(marginLeft, qrY+certQR+1)
	p.centered(verify, "", 8, 3.8)
	p.centered("Pravost osvědčení č. "+number+" ověříte na uvedené adrese nebo načtením QR kódu.", "I", 7.5, 3.6)
	return p.finish(w)
}

// centered prints wrapped text centred across the body width.
func (p *page) centered(text, style string, size, lineHeight float64) {
	p.pdf.SetFont(family, style, size)
	w, _ := p.pdf.GetPageSize()
	for _, line := range p.wrapCzech(clean(text), w-marginLeft-marginRight) {
		p.pdf.SetX(marginLeft)
		p.pdf.CellFormat(0, lineHeight, line, "", 1, "C", false, 0, "")
	}
}

// wrapCzech breaks text into lines no wider than width in the current font, never leaving a one-letter
// preposition or conjunction (k, s, v, z, o, u, a, i) at the end of a line, as Czech typesetting requires.
// fpdf's own wrapping breaks at any space, and it treats a no-break space as one.
func (p *page) wrapCzech(text string, width float64) []string {
	var words []string
	glue := false
	for _, w := range strings.Fields(text) {
		if glue {
			words[len(words)-1] += " " + w
		} else {
			words = append(words, w)
		}
		glue = len([]rune(w)) == 1 && strings.ContainsAny(w, "ksvzouaiKSVZOUAI")
	}
	var lines []string
	for _, w := range words {
		if n := len(lines); n > 0 && p.pdf.GetStringWidth(lines[n-1]+" "+w) <= width {
			lines[n-1] += " " + w
			continue
		}
		// A word wider than the line (a long URL) is split where it must be.
		lines = append(lines, p.pdf.SplitText(w, width)...)
	}
	return lines
}

func providerLine(name, ico string) string {
	line := clean(name)
	if ico = clean(ico); ico != "" {
		line += ", IČO " + ico + ","
	}
	return line
}

// czHours writes teaching hours as they follow "v rozsahu": "1 hodiny", "16 hodin", "7,5 hodiny" (a decimal
// takes the genitive singular in Czech).
func czHours(h float64) string {
	h = math.Round(h*100) / 100
	n := strings.Replace(strconv.FormatFloat(h, 'f', -1, 64), ".", ",", 1)
	if h == 1 || h != math.Trunc(h) {
		return n + " hodiny"
	}
	return n + " hodin"
}

// czDays writes the days a course took, the Czech way: "dne 3. 3. 2026", "ve dnech 3.–4. 3. 2026",
// "ve dnech 30. 3. – 2. 4. 2026" or, across a new year, both dates whole.
func czDays(from, to time.Time) string {
	a, b := czDay(from), czDay(to)
	if to.IsZero() || a == b {
		return "dne " + a
	}
	fa, fb := from.In(prague), to.In(prague)
	switch {
	case fa.Year() != fb.Year():
		return "ve dnech " + a + " – " + b
	case fa.Month() != fb.Month():
		return "ve dnech " + fa.Format("2. 1.") + " – " + b
	default:
		return "ve dnech " + fa.Format("2.") + "–" + b
	}
}

// qrPNG draws the QR code of text as a black-and-white PNG with its quiet zone. Medium error correction
// survives a stamp or a fold across the code.
func qrPNG(text string) ([]byte, error) {
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	n := code.Bounds().Dx()
	side := (n + 2*qrQuietZone) * qrModulePx
	img := image.NewPaletted(image.Rect(0, 0, side, side), color.Palette{color.White, color.Black})
	for y := range n {
		for x := range n {
			if c, _, _, _ := code.At(x, y).RGBA(); c != 0 {
				continue
			}
			x0, y0 := (x+qrQuietZone)*qrModulePx, (y+qrQuietZone)*qrModulePx
			for dy := range qrModulePx {
				for dx := range qrModulePx {
					img.SetColorIndex(x0+dx, y0+dy, 1)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
