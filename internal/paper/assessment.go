package paper

import (
	"io"
	"strconv"
	"time"
)

// CompetencyRow is one competency of an agreed assessment. AgreedLevel nil means the worker and the lead agreed
// it does not apply; ExpectedLevel nil means the person's position profile does not expect it.
type CompetencyRow struct {
	Code, Title       string
	SelfLevel         Level
	SelfNotApplicable bool
	AgreedLevel       Level
	ExpectedLevel     Level
	Evidence          string // the worker's evidence (doklady)
	LeadComment       string // the lead's comment on this competency
}

// DomainRows is one domain (oblast) of the framework with its competencies in framework order.
type DomainRows struct {
	Code, Title string
	Rows        []CompetencyRow
}

// AssessmentDoc is an agreed self-assessment (sebehodnocení) as it goes to the personnel file.
type AssessmentDoc struct {
	Person                            Person
	Lead                              string // the reviewing lead's name
	FrameworkTitle, FrameworkVersion  string
	SubmittedAt, ReviewedAt, AgreedAt time.Time
	LeadComment                       string
	Domains                           []DomainRows
	PrintedAt                         time.Time // stamped in the footer and the PDF's dates; zero means now
}

const notApplicable = "neuplatňuje se"

// WriteAssessment prints the agreed self-assessment: who and when, then per domain each competency's own,
// agreed and expected level with the gap, the evidence and the lead's comments, and the signature lines.
func WriteAssessment(w io.Writer, d AssessmentDoc) error {
	printed := printedAt(d.PrintedAt)
	const title = "Sebehodnocení a dohodnuté úrovně kompetencí"
	p := newPage("P", title+" – "+clean(d.Person.Name), clean(d.Person.Organization),
		footerText(d.Person.Name, "sebehodnocení", printed), printed)

	p.title(title, frameworkLine(d.FrameworkTitle, d.FrameworkVersion))
	p.fields(append(personFields(d.Person, d.Lead),
		[2]string{"Odesláno vedoucímu", czDay(d.SubmittedAt)},
		[2]string{"Projednáno vedoucím", czDay(d.ReviewedAt)},
		[2]string{"Dohodnuto", czDay(d.AgreedAt)},
	))
	p.pdf.Ln(2)
	p.paragraph(levelLegend+" Rozdíl je očekávaná úroveň minus dohodnutá: kladné číslo ukazuje, kolik úrovní "+
		"zbývá rozvinout.", "I", noteSize)

	for _, dom := range d.Domains {
		caption := dom.Code + " " + dom.Title
		p.heading(caption)
		t := p.table(caption,
			column{"Kód", 14, "L"},
			column{"Kompetence", 60, "L"},
			column{"Vlastní hodnocení", 26, "C"},
			column{"Dohodnutá úroveň", 26, "C"},
			column{"Očekávaná úroveň", 26, "C"},
			column{"Rozdíl", 18, "C"},
		)
		for _, r := range dom.Rows {
			t.row(cell{text: r.Code}, cell{text: r.Title}, cell{text: selfLevel(r)},
				cell{text: agreedLevel(r.AgreedLevel), style: "B"}, cell{text: level(r.ExpectedLevel)},
				cell{text: gap(r.ExpectedLevel, r.AgreedLevel)})
			t.note(labelled("Doklady pracovníka", r.Evidence))
			t.note(labelled("Komentář vedoucího", r.LeadComment))
		}
	}

	if clean(d.LeadComment) != "" {
		p.heading("Celkový komentář vedoucího")
		p.paragraph(d.LeadComment, "", bodySize)
	}
	p.signatures(d.Person.Name, d.Lead)
	return p.finish(w)
}

func selfLevel(r CompetencyRow) string {
	if r.SelfNotApplicable {
		return notApplicable
	}
	return level(r.SelfLevel)
}

// An agreed assessment has every competency settled, so no agreed level means agreed as not applicable.
func agreedLevel(l Level) string {
	if l == nil {
		return notApplicable
	}
	return level(l)
}

// gap is expected minus agreed, as in the application's competency profile; a dash when either is missing.
func gap(expected, agreed Level) string {
	if expected == nil || agreed == nil {
		return "—"
	}
	g := *expected - *agreed
	if g > 0 {
		return "+" + strconv.Itoa(g)
	}
	if g < 0 {
		return "−" + strconv.Itoa(-g) // a real minus sign, as wide as the plus
	}
	return "0"
}

func labelled(label, text string) string {
	if clean(text) == "" {
		return ""
	}
	return label + ": " + text
}

func personFields(p Person, lead string) [][2]string {
	return [][2]string{
		{"Jméno", p.Name},
		{"Pozice", p.Position},
		{"Organizace", p.Organization},
		{"Tým", p.Team},
		{"Vedoucí", lead},
	}
}

func frameworkLine(title, version string) string {
	line := "Kompetenční model: " + title
	if version != "" {
		line += ", verze " + version
	}
	return line
}

func footerText(name, what string, printed time.Time) string {
	return clean(name) + " – " + what + " – vytištěno " + czDay(printed)
}

func printedAt(t time.Time) time.Time {
	if t.IsZero() {
		return time.Now()
	}
	return t
}
