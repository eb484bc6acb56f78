package paper

import (
	"io"
	"strconv"
	"time"
)

// AttendanceRow is one registered participant as they sign the sheet.
type AttendanceRow struct {
	Name, Organization, Email string
}

// AttendanceDoc is the attendance sheet (prezenční listina) of one session, printed before it starts so that the
// participants sign it on arrival and on leaving; the provider keeps it as proof of attendance for MPSV.
type AttendanceDoc struct {
	CourseTitle, AccreditationNumber, ProviderName, Place, Lecturer string
	StartsAt, EndsAt                                                time.Time // instants, printed in Prague time
	Rows                                                            []AttendanceRow
	PrintedAt                                                       time.Time // zero means now
}

// signatureLines is how many text lines high a participant's row is at least: room for a signature.
const signatureLines = 2

// WriteAttendanceSheet prints the sheet on A4 landscape, so the two signature columns are wide enough for a
// hand: the session's particulars, then a numbered row per participant with empty cells to sign on arrival and
// departure, the header row repeated on every page, and the lecturer's signature at the end.
func WriteAttendanceSheet(w io.Writer, d AttendanceDoc) error {
	printed := printedAt(d.PrintedAt)
	const title = "Prezenční listina"
	day := czDay(d.StartsAt)
	p := newPage("L", title+" – "+clean(d.CourseTitle)+" – "+day, clean(d.ProviderName),
		title+" – "+day+" – vytištěno "+czDay(printed), printed)

	p.title(title, d.CourseTitle)
	p.fields([][2]string{
		{"Č. akreditace MPSV", d.AccreditationNumber},
		{"Vzdělávací instituce", d.ProviderName},
		{"Termín", czTimes(d.StartsAt, d.EndsAt)},
		{"Místo konání", d.Place},
		{"Lektor/lektorka", d.Lecturer},
	})
	p.pdf.Ln(3)
	p.paragraph("Svým podpisem potvrzuji účast na vzdělávací akci při příchodu a při odchodu.", "I", noteSize)
	p.pdf.Ln(1)

	// The header and the first row together, so the header never ends a page alone.
	p.need(2*lineH + (signatureLines+1)*lineH + 4*cellPadV)
	t := p.table(title+" – "+day,
		column{"č.", 10, "C"},
		column{"Jméno a příjmení", 64, "L"},
		column{"Organizace", 53, "L"},
		column{"Podpis – příchod", 65, "C"},
		column{"Podpis – odchod", 65, "C"},
	)
	t.minLines = signatureLines
	for i, r := range d.Rows {
		who := r.Name
		if clean(r.Email) != "" {
			who += "\n" + r.Email
		}
		t.row(cell{text: strconv.Itoa(i+1) + "."}, cell{text: who}, cell{text: r.Organization}, cell{}, cell{})
	}

	p.pdf.Ln(3)
	p.paragraph("Počet přihlášených účastníků: "+strconv.Itoa(len(d.Rows)), "", bodySize)
	p.need(20)
	p.signLine("Lektor/lektorka", d.Lecturer)
	return p.finish(w)
}

var czWeekdays = [...]string{"neděle", "pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota"}

// czTimes writes when a session runs in Prague: "úterý 3. 3. 2026, 9:00–16:30" within a day, both ends whole
// otherwise.
func czTimes(from, to time.Time) string {
	if from.IsZero() {
		return czDate(from)
	}
	a := from.In(prague)
	start := czWeekdays[a.Weekday()] + " " + czDate(a) + ", " + czClock(a)
	if to.IsZero() {
		return start
	}
	b := to.In(prague)
	if czDate(a) == czDate(b) {
		return start + "–" + czClock(b)
	}
	return start + " – " + czWeekdays[b.Weekday()] + " " + czDate(b) + ", " + czClock(b)
}

// czClock is the time of day the Czech way, "9:05" (Go's layouts pad a 24-hour hour with a zero).
func czClock(t time.Time) string {
	return strconv.Itoa(t.Hour()) + t.Format(":04")
}
