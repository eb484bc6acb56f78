package paper

import (
	"io"
	"time"
)

// Goal is a competency the plan develops, from the level agreed now (nil: not assessed yet) to a target level.
type Goal struct {
	Competency   string // code and title, e.g. "K3.2 Práce s rodinou"
	CurrentLevel Level
	TargetLevel  int
	Reason       string
}

// Action is one thing the person does in the plan. DueOn is a calendar day; DoneAt an instant.
type Action struct {
	Kind     string // course|supervision|mentoring|shadowing|self_study|other
	Title    string
	DueOn    time.Time
	DoneAt   *time.Time
	Evidence string
	Goal     string // the goal's competency the action serves, if any
}

// PlanDoc is an individual development plan (individuální plán vzdělávání, IPV) as it goes to the personnel file.
type PlanDoc struct {
	Person                 Person
	Lead                   string
	PeriodStart, PeriodEnd time.Time // calendar days
	State                  string    // draft|proposed|approved|returned|closed
	ApprovedAt             *time.Time
	ApprovedBy             string
	Note                   string
	Goals                  []Goal
	Actions                []Action
	Evaluation             string
	ClosedAt               *time.Time
	PrintedAt              time.Time // stamped in the footer and the PDF's dates; zero means now
}

// Czech names of the plan's states and action kinds, as the application shows them.
var (
	stateLabels = map[string]string{
		"draft": "koncept", "proposed": "navrženo ke schválení", "approved": "schváleno",
		"returned": "vráceno k úpravě", "closed": "uzavřeno",
	}
	kindLabels = map[string]string{
		"course": "kurz", "supervision": "supervize", "mentoring": "mentoring", "shadowing": "stáž",
		"self_study": "samostudium", "other": "jiné",
	}
)

// label is the Czech name of a code; a code it does not know is printed as it is rather than lost.
func label(labels map[string]string, code string) string {
	if l, ok := labels[code]; ok {
		return l
	}
	return code
}

// WritePlan prints the development plan: who, the period and its approval, the goals, the actions with their
// due dates and evidence, the evaluation once closed, and the signature lines.
func WritePlan(w io.Writer, d PlanDoc) error {
	printed := printedAt(d.PrintedAt)
	const title = "Individuální plán vzdělávání"
	p := newPage("P", title+" – "+clean(d.Person.Name), clean(d.Person.Organization),
		footerText(d.Person.Name, "individuální plán vzdělávání", printed), printed)

	p.title(title, "na období "+czDate(d.PeriodStart)+" – "+czDate(d.PeriodEnd))
	approved := czDayPtr(d.ApprovedAt)
	if d.ApprovedAt != nil && d.ApprovedBy != "" {
		approved += " (" + d.ApprovedBy + ")"
	}
	p.fields(append(personFields(d.Person, d.Lead),
		[2]string{"Stav plánu", label(stateLabels, d.State)},
		[2]string{"Schváleno", approved},
	))
	if clean(d.Note) != "" {
		p.heading("Záměr plánu")
		p.paragraph(d.Note, "", bodySize)
	}

	p.heading("Cíle")
	if len(d.Goals) == 0 {
		p.paragraph("Plán nemá žádné cíle.", "I", bodySize)
	} else {
		p.paragraph(levelLegend, "I", noteSize)
		p.pdf.Ln(1)
		t := p.table("Cíle",
			column{"Kompetence", 62, "L"},
			column{"Současná úroveň", 24, "C"},
			column{"Cílová úroveň", 24, "C"},
			column{"Zdůvodnění", 60, "L"},
		)
		for _, g := range d.Goals {
			target := g.TargetLevel
			t.row(cell{text: g.Competency}, cell{text: level(g.CurrentLevel)},
				cell{text: level(&target), style: "B"}, cell{text: g.Reason})
		}
	}

	p.heading("Aktivity")
	if len(d.Actions) == 0 {
		p.paragraph("Plán nemá žádné aktivity.", "I", bodySize)
	} else {
		t := p.table("Aktivity",
			column{"Druh", 24, "L"},
			column{"Aktivita", 62, "L"},
			column{"Termín", 21, "C"},
			column{"Splněno", 21, "C"},
			column{"Doklad", 42, "L"},
		)
		for _, a := range d.Actions {
			what := a.Title
			if clean(a.Goal) != "" {
				what += "\nCíl: " + a.Goal
			}
			done := "ne"
			if a.DoneAt != nil {
				done = czDay(*a.DoneAt)
			}
			t.row(cell{text: label(kindLabels, a.Kind)}, cell{text: what}, cell{text: czDate(a.DueOn)},
				cell{text: done}, cell{text: a.Evidence})
		}
	}

	if d.ClosedAt != nil || clean(d.Evaluation) != "" {
		p.heading("Vyhodnocení plánu")
		if d.ClosedAt != nil {
			p.paragraph("Plán byl uzavřen "+czDay(*d.ClosedAt)+".", "I", bodySize)
			p.pdf.Ln(1)
		}
		p.paragraph(d.Evaluation, "", bodySize)
	}
	p.signatures(d.Person.Name, d.Lead)
	return p.finish(w)
}
