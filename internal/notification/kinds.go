package notification

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/template"
	"time"
)

// The kinds of notice. The list is closed: a feature that needs a new one adds a constant and its texts below.
const (
	AssessmentSubmitted = "assessment.submitted" // → the lead
	AssessmentReturned  = "assessment.returned"  // → the worker
	AssessmentReviewed  = "assessment.reviewed"  // → the worker
	AssessmentDue       = "assessment.due"       // → the worker, 30 days before the next assessment is due
	PlanProposed        = "plan.proposed"        // → the lead
	PlanApproved        = "plan.approved"        // → the worker
	PlanReturned        = "plan.returned"        // → the worker
	// Training: the registrant hears where they stand, and every registrant hears when a session changes.
	RegistrationConfirmed  = "registration.confirmed"  // → the registrant
	RegistrationWaitlisted = "registration.waitlisted" // → the registrant
	RegistrationPromoted   = "registration.promoted"   // → the registrant, moved up from the waitlist
	RegistrationNominated  = "registration.nominated"  // → the person their lead registered
	// Where the employer asks for approval, a worker's own registration waits for a lead of their team.
	RegistrationApprovalRequested = "registration.approval_requested" // → the leads of the person's teams
	RegistrationRejected          = "registration.rejected"           // → the person, with the lead's reason
	SessionChanged                = "session.changed"                 // → every registrant
	SessionCancelled              = "session.cancelled"               // → every registrant
	SessionReminder               = "session.reminder"                // → every confirmed registrant, two days before the start
	CertificateIssued             = "certificate.issued"              // → the participant
	// External training (vzdělávání mimo katalog): the leads confirm what a worker did elsewhere.
	ExternalTrainingRecorded  = "external_training.recorded"  // → the leads of the person's teams
	ExternalTrainingConfirmed = "external_training.confirmed" // → the person
	ExternalTrainingRejected  = "external_training.rejected"  // → the person
	// Supervision: the participants and the supervisor hear of what their lead planned, moved or cancelled (one
	// notice for a whole series); the supervisor is reminded of a session that ended two days ago unconfirmed.
	SupervisionPlanned     = "supervision.planned"     // → the participants and the supervisor
	SupervisionMoved       = "supervision.moved"       // → the participants and the supervisor
	SupervisionCancelled   = "supervision.cancelled"   // → the participants and the supervisor
	SupervisionUnconfirmed = "supervision.unconfirmed" // → the supervisor
	// An account made for someone by invitation (an external supervisor a lead named): the link sets its password.
	AccountInvited = "account.invited" // → the invited person
)

// texts are the e-mail of each kind: a Czech subject and body and a short English line, as text/template over
// the notice's Params plus "actor" (the name of who caused it) and "recipient". A param a template names but the
// caller did not give is an error, so a missing value never reaches anyone as "<no value>". The in-app list is
// rendered by the SPA from the kind and params.
var texts = map[string]struct{ subject, body, english string }{
	AssessmentSubmitted: {
		subject: "Sebehodnocení k posouzení: {{.actor}}",
		body:    "{{.actor}} odevzdal(a) sebehodnocení. Posuďte ho, prosím, navrhněte úrovně a případně ho vraťte k doplnění.",
		english: "{{.actor}} submitted a self-assessment for your review.",
	},
	AssessmentReturned: {
		subject: "Sebehodnocení vráceno k doplnění",
		body:    "{{.actor}} vám vrátil(a) sebehodnocení k doplnění. Podívejte se na komentář, upravte hodnocení a odevzdejte ho znovu.",
		english: "Your self-assessment was returned to you for changes.",
	},
	AssessmentReviewed: {
		subject: "Sebehodnocení posouzeno",
		body:    "{{.actor}} posoudil(a) vaše sebehodnocení. Prohlédněte si navržené úrovně a potvrďte je.",
		english: "Your self-assessment was reviewed; please look at the proposed levels and agree.",
	},
	AssessmentDue: {
		subject: "Blíží se termín sebehodnocení ({{date .due}})",
		body:    "Vaše další sebehodnocení má být hotové do {{date .due}}. Začněte ho včas, ať zbude čas na rozhovor s vedoucím.",
		english: "Your next self-assessment is due on {{.due}}.",
	},
	PlanProposed: {
		subject: "Individuální plán vzdělávání ke schválení: {{.actor}}",
		body:    "{{.actor}} předložil(a) individuální plán vzdělávání (IPV) ke schválení.",
		english: "{{.actor}} proposed a development plan for your approval.",
	},
	PlanApproved: {
		subject: "Individuální plán vzdělávání schválen",
		body:    "{{.actor}} schválil(a) váš individuální plán vzdělávání (IPV).",
		english: "Your development plan was approved.",
	},
	PlanReturned: {
		subject: "Individuální plán vzdělávání vrácen k úpravě",
		body:    "{{.actor}} vám vrátil(a) individuální plán vzdělávání (IPV) k úpravě. Podívejte se na komentář a předložte ho znovu.",
		english: "Your development plan was returned to you for changes.",
	},
	CertificateIssued: {
		subject: "Osvědčení vydáno: {{.course}}",
		body:    "{{.actor}} vám vydal(a) osvědčení o absolvování kurzu {{.course}}. Stáhnete si ho v přehledu svých osvědčení.",
		english: "Your certificate for {{.course}} was issued.",
	},
	RegistrationConfirmed: {
		subject: "Přihláška potvrzena: {{.course}} ({{date .date}})",
		body:    "Vaše místo na kurzu {{.course}} dne {{date .date}} v {{.time}} je potvrzeno.",
		english: "Your seat at {{.course}} on {{.date}} is confirmed.",
	},
	RegistrationWaitlisted: {
		subject: "Čekací listina: {{.course}} ({{date .date}})",
		body:    "Kurz {{.course}} dne {{date .date}} je obsazen. Jste na čekací listině jako {{.position}}. v pořadí; uvolní-li se místo, dáme vám vědět.",
		english: "{{.course}} on {{.date}} is full; you are number {{.position}} on the waitlist.",
	},
	RegistrationPromoted: {
		subject: "Uvolnilo se místo: {{.course}} ({{date .date}})",
		body:    "Na kurzu {{.course}} dne {{date .date}} v {{.time}} se uvolnilo místo a vaše přihláška z čekací listiny je nyní potvrzena.",
		english: "A seat freed up at {{.course}} on {{.date}}; your registration is now confirmed.",
	},
	RegistrationNominated: {
		subject: "Vedoucí vás přihlásil(a): {{.course}} ({{date .date}})",
		body:    "{{.actor}} vás přihlásil(a) na kurz {{.course}} dne {{date .date}} v {{.time}}.{{if .position}} Kurz je obsazen, jste na čekací listině jako {{.position}}. v pořadí.{{end}}",
		english: "{{.actor}} registered you for {{.course}} on {{.date}}.",
	},
	RegistrationApprovalRequested: {
		subject: "Přihláška ke schválení: {{.actor}}, {{.course}} ({{date .date}})",
		body:    "{{.actor}} se přihlásil(a) na kurz {{.course}} dne {{date .date}} v {{.time}}. Vaše organizace přihlášky schvaluje: schvalte ji, nebo ji zamítněte s důvodem.",
		english: "{{.actor}} registered for {{.course}} on {{.date}} and waits for your approval.",
	},
	RegistrationRejected: {
		subject: "Přihláška zamítnuta: {{.course}} ({{date .date}})",
		body:    "{{.actor}} zamítl(a) vaši přihlášku na kurz {{.course}} dne {{date .date}}. Důvod: {{.reason}}",
		english: "{{.actor}} rejected your registration for {{.course}} on {{.date}}: {{.reason}}",
	},
	SessionChanged: {
		subject: "Změna termínu: {{.course}}",
		body:    "{{.actor}} změnil(a) termín kurzu {{.course}}, na který jste přihlášen(a). Nově začíná {{date .date}} v {{.time}}; podívejte se na podrobnosti.",
		english: "The session of {{.course}} you registered for changed; it now starts on {{.date}} at {{.time}}.",
	},
	SessionCancelled: {
		subject: "Termín zrušen: {{.course}} ({{date .date}})",
		body:    "{{.actor}} zrušil(a) termín kurzu {{.course}} dne {{date .date}}, na který jste byl(a) přihlášen(a).",
		english: "The session of {{.course}} on {{.date}} you registered for was cancelled.",
	},
	SessionReminder: {
		subject: "Připomínka: {{.course}} ({{date .date}} v {{.time}})",
		body:    "Připomínáme, že {{date .date}} v {{.time}} začíná kurz {{.course}}, na který máte potvrzené místo. Nemůžete-li přijít, zrušte přihlášku, ať místo dostane někdo z čekací listiny.",
		english: "Reminder: {{.course}}, which you have a seat at, starts on {{.date}} at {{.time}}.",
	},
	ExternalTrainingRecorded: {
		subject: "Vzdělávání k potvrzení: {{.actor}}",
		body:    "{{.actor}} zapsal(a) vzdělávání absolvované mimo katalog: {{.title}} ({{.hours}} h, {{date .date}}). Zkontrolujte osvědčení a potvrďte ho, nebo zamítněte.",
		english: "{{.actor}} recorded training done elsewhere ({{.title}}, {{.hours}} h) for you to confirm.",
	},
	ExternalTrainingConfirmed: {
		subject: "Vzdělávání potvrzeno: {{.title}}",
		body:    "{{.actor}} potvrdil(a) vaše vzdělávání {{.title}} ({{.hours}} h, {{date .date}}); hodiny se započítají.",
		english: "Your training {{.title}} was confirmed; its hours count.",
	},
	ExternalTrainingRejected: {
		subject: "Vzdělávání zamítnuto: {{.title}}",
		body:    "{{.actor}} zamítl(a) vaše vzdělávání {{.title}} ({{date .date}}). Důvod: {{.reason}}",
		english: "Your training {{.title}} was rejected: {{.reason}}",
	},
	SupervisionPlanned: {
		subject: "Naplánována supervize: {{.team}} ({{date .date}})",
		body:    "{{.actor}} naplánoval(a) supervizi týmu {{.team}}. První setkání je {{date .date}} v {{.time}}{{if .place}}, {{.place}}{{end}}; setkání celkem: {{.count}}.",
		english: "{{.actor}} planned supervision of {{.team}}: first on {{.date}} at {{.time}}, {{.count}} session(s).",
	},
	SupervisionMoved: {
		subject: "Supervize přesunuta: {{.team}} ({{date .date}})",
		body:    "{{.actor}} změnil(a) supervizi týmu {{.team}}. Nově {{date .date}} v {{.time}}{{if .place}}, {{.place}}{{end}}; dotčená setkání: {{.count}}.",
		english: "{{.actor}} moved supervision of {{.team}}: now {{.date}} at {{.time}}, {{.count}} session(s).",
	},
	SupervisionCancelled: {
		subject: "Supervize zrušena: {{.team}} ({{date .date}})",
		body:    "{{.actor}} zrušil(a) supervizi týmu {{.team}} dne {{date .date}} v {{.time}}; zrušená setkání: {{.count}}.",
		english: "{{.actor}} cancelled supervision of {{.team}} on {{.date}} at {{.time}}, {{.count}} session(s).",
	},
	SupervisionUnconfirmed: {
		subject: "Potvrďte proběhlou supervizi: {{.team}} ({{date .date}})",
		body:    "Supervize týmu {{.team}} dne {{date .date}} v {{.time}} skončila a dosud není potvrzená. Potvrďte, prosím, že proběhla, a kdo se jí zúčastnil.",
		english: "Please confirm the supervision of {{.team}} on {{.date}} took place, and who attended.",
	},
	AccountInvited: {
		subject: "Pozvánka do aplikace rozvoj",
		body:    "{{.actor}} vás zve do aplikace rozvoj jako supervizora/supervizorku: uvidíte v ní supervize, které vedete, a potvrdíte, že proběhly. Heslo si nastavíte odkazem níže; platí týden a jen jednou.",
		english: "{{.actor}} invites you to rozvoj as a supervisor; set your password with the link below (valid for a week, once).",
	},
}

// Kinds lists every kind, sorted: the keys of the preferences.
func Kinds() []string { return slices.Sorted(maps.Keys(texts)) }

// mailTemplates are the texts parsed once; a template that does not parse stops the program at start, never
// later inside someone's transaction.
var mailTemplates = func() map[string][3]*template.Template {
	funcs := template.FuncMap{"date": czechDate}
	out := make(map[string][3]*template.Template, len(texts))
	for kind, t := range texts {
		var parsed [3]*template.Template
		for i, src := range []string{t.subject, t.body, t.english} {
			parsed[i] = template.Must(template.New(kind).Funcs(funcs).Option("missingkey=error").Parse(src))
		}
		out[kind] = parsed
	}
	return out
}()

// render fills a kind's subject and body (the Czech text, then the English line).
func render(kind string, params map[string]string) (subject, body string, err error) {
	ts, ok := mailTemplates[kind]
	if !ok {
		return "", "", fmt.Errorf("notification: unknown kind %q", kind)
	}
	var out [3]strings.Builder
	for i, t := range ts {
		if err := t.Execute(&out[i], params); err != nil {
			return "", "", fmt.Errorf("notification: texts of %s: %w", kind, err)
		}
	}
	return out[0].String(), out[1].String() + "\n\n" + out[2].String(), nil
}

// czechDate writes "2027-01-31" the Czech way, "31. 1. 2027"; anything else is left as given.
func czechDate(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return fmt.Sprintf("%d. %d. %d", d.Day(), d.Month(), d.Year())
}
