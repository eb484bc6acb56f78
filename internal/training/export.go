package training

import (
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/export"
)

// The Czech words of training's codes, as the SPA's catalogue (frontend/src/lib/i18n/training.cs.ts) has them.
var (
	formWords = export.Words{"course": "kurz", "conference": "konference", "internship": "stáž",
		"specialisation": "specializační vzdělávání", "e_learning": "e-learning", "training_event": "školicí akce",
		"induction": "vstupní vzdělávání úředníka", "induction_exam": "závěrečná zkouška vstupního vzdělávání",
		"exam_zoz": "zkouška zvláštní odborné způsobilosti"}
	sessionStatusWords = export.Words{"planned": "ohlášený, přihlášky zatím nejsou otevřené", "open": "přihlášky otevřené",
		"full": "obsazený, přihlášky jdou do pořadníku", "cancelled": "zrušený", "held": "proběhl"}
	registrationWords = export.Words{"pending": "čeká na schválení vedoucím", "confirmed": "potvrzeno",
		"waitlisted": "v pořadníku", "cancelled": "zrušeno"}
	externalWords = export.Words{"pending": "čeká na potvrzení", "confirmed": "potvrzeno", "rejected": "zamítnuto"}
)

var courseFile = endpoint.File[Course]{
	Name:    "Kurzy",
	Columns: []string{"Název", "Vzdělavatel", "Forma", "Hodiny", "Akreditace MPSV", "Akreditace od", "Akreditace do", "Zveřejněný"},
	Row: func(c Course) []any {
		return []any{c.Title, c.ProviderName, formWords.Of(c.Form), c.Hours, c.AccreditationNumber, c.AccreditedFrom,
			c.AccreditedUntil, c.Published}
	},
}

var sessionFile = endpoint.File[Session]{
	Name: "Termíny kurzů",
	Columns: []string{"Kurz", "Začátek", "Konec", "Místo", "Online", "Kapacita", "Potvrzeno", "V pořadníku", "Volná místa",
		"Přihlášky do", "Cena (Kč)", "Stav"},
	Row: func(s Session) []any {
		return []any{s.CourseTitle, s.StartsAt, s.EndsAt, s.Place, s.OnlineURL, s.Capacity, s.Confirmed, s.Waitlisted,
			s.SeatsFree, s.RegistrationDeadline, s.Price, sessionStatusWords.Of(s.Status)}
	},
}

var registrationFile = endpoint.File[Registration]{
	Name:    "Přihlášky",
	Columns: []string{"Jméno", "E-mail", "Kurz", "Začátek", "Stav", "Pořadí v pořadníku", "Přihlášeno", "Zrušeno", "Důvod zamítnutí"},
	Row: func(r Registration) []any {
		return []any{r.PersonName, r.PersonEmail, r.CourseTitle, r.StartsAt, registrationWords.Of(r.Status), r.Position,
			r.CreatedAt, r.CancelledAt, r.CancelReason}
	},
}

var certificateFile = endpoint.File[Certificate]{
	Name: "Osvědčení",
	Columns: []string{"Číslo", "Jméno", "Kurz", "Forma", "Akreditace MPSV", "Hodiny", "Od", "Do", "Místo", "Vzdělavatel",
		"Vydáno"},
	Row: func(c Certificate) []any {
		return []any{c.Number, c.PersonName, c.CourseTitle, formWords.Of(c.Form), c.AccreditationNumber, c.Hours,
			c.StartsOn, c.EndsOn, c.Place, c.ProviderName, c.IssuedAt}
	},
}

var externalFile = endpoint.File[ExternalTraining]{
	Name: "Externí vzdělávání",
	Columns: []string{"Pracovník", "Název", "Vzdělavatel", "Forma", "Hodiny", "Od", "Do", "Akreditace MPSV", "Stav",
		"Důvod zamítnutí", "Rozhodnuto"},
	Row: func(x ExternalTraining) []any {
		return []any{x.PersonName, x.Title, x.ProviderName, formWords.Of(x.Form), x.Hours, x.Date, x.EndDate,
			x.AccreditationNumber, externalWords.Of(x.State), x.Reason, x.DecidedAt}
	},
}
