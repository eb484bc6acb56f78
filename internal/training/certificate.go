package training

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/notification"
	"github.com/rozvoj/rozvoj/internal/paper"
)

var errCertificateNotFound = httpx.NotFound("No certificate has this identifier.")

// certificateLink is where a notice opens the person's certificates in the SPA.
const certificateLink = "/vzdelavani/osvedceni"

// Certificate (osvědčení) of a present participant of an accredited course. It keeps what it says as it was
// issued, so that a later change of the course or the person's name does not change what it certifies.
type Certificate struct {
	bun.BaseModel `bun:"table:certificates,alias:ce"`

	ID                  uuid.UUID     `bun:"id,pk" json:"id"`
	Number              string        `bun:"number" json:"number"`
	Code                string        `bun:"code" json:"-"` // shown only in the printed URL
	SessionID           uuid.UUID     `bun:"session_id" json:"session_id"`
	PersonID            uuid.UUID     `bun:"person_id" json:"person_id"`
	ProviderID          uuid.UUID     `bun:"provider_id" json:"provider_id"`
	PersonName          string        `bun:"person_name" json:"person_name"`
	CourseTitle         string        `bun:"course_title" json:"course_title"`
	Form                string        `bun:"form" json:"form"`
	AccreditationNumber string        `bun:"accreditation_number" json:"accreditation_number"`
	Hours               int           `bun:"hours" json:"hours"`
	StartsOn            database.Date `bun:"starts_on" json:"starts_on"`
	EndsOn              database.Date `bun:"ends_on" json:"ends_on"`
	Place               string        `bun:"place" json:"place"`
	ProviderName        string        `bun:"provider_name" json:"provider_name"`
	IssuedBy            uuid.UUID     `bun:"issued_by" json:"issued_by"`
	IssuedAt            time.Time     `bun:"issued_at" json:"issued_at"`
}

// Issued is the certificates one issuing created.
type Issued struct {
	Items []Certificate `json:"items"`
}

// verificationCode is 120 random bits in base32 without padding (24 characters): not guessable, and easy to type
// from paper.
func verificationCode() string {
	b := make([]byte, 15)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// nextNumber counts the year's certificates; the counter's row makes concurrent issuings take turns.
func (store) nextNumber(ctx context.Context, db bun.IDB, year int) (string, error) {
	var n int
	err := db.NewRaw("INSERT INTO certificate_counters (year, last) VALUES (?, 1) "+
		"ON CONFLICT (year) DO UPDATE SET last = certificate_counters.last + 1 RETURNING last", year).Scan(ctx, &n)
	return fmt.Sprintf("RZV-%d-%06d", year, n), err
}

func (store) certified(ctx context.Context, db bun.IDB, sessionID uuid.UUID) ([]uuid.UUID, error) {
	var out []uuid.UUID
	err := db.NewSelect().Model((*Certificate)(nil)).Column("person_id").Where("session_id = ?", sessionID).Scan(ctx, &out)
	return out, err
}

func (store) certificate(ctx context.Context, db bun.IDB, where string, arg any) (*Certificate, error) {
	var out []Certificate
	err := db.NewSelect().Model(&out).Where(where, arg).Scan(ctx)
	return first(out, err)
}

// accreditedOn: the course has an MPSV accreditation valid on the day.
func accreditedOn(c *Course, day database.Date) bool {
	return c.AccreditationNumber != nil &&
		(c.AccreditedFrom == nil || !c.AccreditedFrom.After(day.Time)) &&
		(c.AccreditedUntil == nil || !c.AccreditedUntil.Before(day.Time))
}

// pragueDay is the Prague calendar day of an instant.
func pragueDay(t time.Time) database.Date {
	t = t.In(prague)
	return database.NewDate(t.Year(), t.Month(), t.Day())
}

// IssueCertificates issues a certificate to every present participant of a closed session of an accredited
// course who has none yet, and tells each of them; issuing again issues only what is missing.
func (s *Service) IssueCertificates(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Issued, error) {
	out := &Issued{Items: []Certificate{}}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.lockSession(ctx, tx, id); err != nil {
			return err
		}
		se, err := s.providersSession(ctx, tx, p, id)
		if err != nil {
			return err
		}
		c, err := s.readCourse(ctx, tx, se.CourseID)
		if err != nil {
			return err
		}
		starts := pragueDay(se.StartsAt)
		switch {
		case se.ClosedAt == nil:
			return closed("not_closed", "Certificates are issued once the session is closed.")
		case !accreditedOn(c, starts):
			return closed("not_accredited", "The course had no valid MPSV accreditation on the session's day.")
		}
		people, err := s.store.attendees(ctx, tx, id)
		if err != nil {
			return err
		}
		done, err := s.store.certified(ctx, tx, id)
		if err != nil {
			return err
		}
		now := database.Now()
		for _, a := range people {
			if a.Status == nil || *a.Status != Present || slices.Contains(done, a.PersonID) {
				continue
			}
			number, err := s.store.nextNumber(ctx, tx, now.In(prague).Year())
			if err != nil {
				return err
			}
			ce := Certificate{ID: uuid.Must(uuid.NewV7()), Number: number, Code: verificationCode(), SessionID: id,
				PersonID: a.PersonID, ProviderID: c.ProviderID, PersonName: a.PersonName, CourseTitle: c.Title, Form: c.Form,
				AccreditationNumber: *c.AccreditationNumber, Hours: c.Hours, StartsOn: starts, EndsOn: pragueDay(se.EndsAt),
				Place: se.Place, ProviderName: c.ProviderName, IssuedBy: p.UserID, IssuedAt: now}
			if _, err := tx.NewInsert().Model(&ce).Exec(ctx); err != nil {
				return err
			}
			if err := notification.Notify(ctx, tx, notification.Notice{
				Kind: notification.CertificateIssued, RecipientID: a.PersonID, ActorID: &p.UserID, Entity: "certificate",
				EntityID: ce.ID, Link: certificateLink, Params: map[string]string{"course": ce.CourseTitle, "number": ce.Number},
			}); err != nil {
				return err
			}
			if err := audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &ce.PersonID, Action: "issue",
				Entity: "certificate", EntityID: ce.ID, After: ce}); err != nil {
				return err
			}
			out.Items = append(out.Items, ce)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CertificateQuery filters the certificates list.
type CertificateQuery struct {
	PersonID  string `query:"person_id" validate:"omitempty,uuid"`
	SessionID string `query:"session_id" validate:"omitempty,uuid"`
}

// Certificates lists the caller's own certificates, those of the members of the teams they lead, and, for a
// provider, those their organisations issued; newest first.
func (s *Service) Certificates(ctx context.Context, p *auth.Principal, q CertificateQuery, pr httpx.PageRequest) (httpx.Page[Certificate], error) {
	led, err := s.directory.ReachOf(ctx, p, "", "")
	if err != nil {
		return httpx.Page[Certificate]{}, err
	}
	out := []Certificate{}
	sq := reach(s.db.NewSelect().Model(&out).OrderExpr("ce.id DESC").Limit(int64(pr.Limit+1)),
		"ce.person_id", "ce.provider_id", p.UserID, led.LedPeople, p.ProviderOrgs())
	if q.PersonID != "" {
		sq = sq.Where("ce.person_id = ?", uuid.MustParse(q.PersonID))
	}
	if q.SessionID != "" {
		sq = sq.Where("ce.session_id = ?", uuid.MustParse(q.SessionID))
	}
	if pr.Cursor != nil {
		var after uuid.UUID
		if err := pr.DecodeCursor(&after); err != nil {
			return httpx.Page[Certificate]{}, err
		}
		sq = sq.Where("ce.id < ?", after)
	}
	if err := sq.Scan(ctx); err != nil {
		return httpx.Page[Certificate]{}, err
	}
	return httpx.NewPage(out, pr.Limit, func(ce Certificate) any { return ce.ID }), nil
}

// CertificatePDF prints a certificate for the person, the leads of their teams and the provider that issued it.
func (s *Service) CertificatePDF(ctx context.Context, p *auth.Principal, id uuid.UUID) ([]byte, string, error) {
	ce, err := s.store.certificate(ctx, s.db, "id = ?", id)
	if errors.Is(err, errNotFound) {
		return nil, "", errCertificateNotFound
	} else if err != nil {
		return nil, "", err
	}
	var teams []uuid.UUID
	if ce.PersonID != p.UserID {
		if teams, err = s.directory.TeamsOf(ctx, ce.PersonID); err != nil {
			return nil, "", err
		}
	}
	if ce.PersonID != p.UserID && !leadsPerson(p, ce.PersonID, teams) && !runs(p, ce.ProviderID) {
		return nil, "", errCertificateNotFound
	}
	// The provider's IČO and who issued it identify the issuer on paper, as a certificate of an accredited
	// course must; neither changes once issued.
	var issuer struct {
		ICO  string `bun:"ico"`
		Name string `bun:"name"`
	}
	err = s.db.NewSelect().TableExpr("organizations AS o").ColumnExpr("o.ico, u.name").
		Join("JOIN users AS u ON u.id = ?", ce.IssuedBy).Where("o.id = ?", ce.ProviderID).Scan(ctx, &issuer)
	if err != nil {
		return nil, "", err
	}
	var buf bytes.Buffer
	err = paper.WriteCertificate(&buf, paper.CertificateDoc{Number: ce.Number, PersonName: ce.PersonName,
		CourseTitle: ce.CourseTitle, AccreditationNumber: ce.AccreditationNumber, Form: ce.Form, Hours: float64(ce.Hours),
		StartsOn: ce.StartsOn.Time, EndsOn: ce.EndsOn.Time, Place: ce.Place, ProviderName: ce.ProviderName,
		ProviderICO: issuer.ICO, SignatoryName: issuer.Name, SignatoryRole: "za vzdělávací instituci",
		IssuedAt: ce.IssuedAt, VerifyURL: s.baseURL + "/verify/" + ce.Code})
	if err != nil {
		return nil, "", err
	}
	return buf.Bytes(), "Osvědčení " + ce.Number, nil
}

// Verification is what /verify/{code} confirms of a genuine certificate: what it says, nothing more.
type Verification struct {
	Valid               bool          `json:"valid"`
	Number              string        `json:"number"`
	PersonName          string        `json:"person_name"`
	CourseTitle         string        `json:"course_title"`
	AccreditationNumber string        `json:"accreditation_number"`
	Hours               int           `json:"hours"`
	StartsOn            database.Date `json:"starts_on"`
	EndsOn              database.Date `json:"ends_on"`
	ProviderName        string        `json:"provider_name"`
	IssuedAt            time.Time     `json:"issued_at"`
}

// Verify confirms a certificate by the code printed on it, to anyone without a login.
func (s *Service) Verify(ctx context.Context, code string) (*Verification, error) {
	ce, err := s.store.certificate(ctx, s.db, "code = ?", code)
	if errors.Is(err, errNotFound) {
		return nil, httpx.NotFound("No certificate has this verification code.")
	} else if err != nil {
		return nil, err
	}
	return &Verification{Valid: true, Number: ce.Number, PersonName: ce.PersonName, CourseTitle: ce.CourseTitle,
		AccreditationNumber: ce.AccreditationNumber, Hours: ce.Hours, StartsOn: ce.StartsOn, EndsOn: ce.EndsOn,
		ProviderName: ce.ProviderName, IssuedAt: ce.IssuedAt}, nil
}
