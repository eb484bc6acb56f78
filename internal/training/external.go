package training

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/attachment"
	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/notification"
)

// States of an external training: recorded by the worker (pending), then confirmed or rejected by a lead. Only
// a confirmed one counts toward the hours the law requires.
const (
	Pending  = "pending"
	Rejected = "rejected"
)

// ExternalPath is where external trainings are recorded; ExternalBodyLimit lets its body carry a whole
// certificate and the form's fields.
const (
	ExternalPath      = "/api/v1/external-trainings"
	ExternalBodyLimit = attachment.MaxSize + 1<<20
)

// externalLink is where a notice opens the record in the SPA.
const externalLink = "/vzdelavani/mimo-katalog/"

// maxExternalHours is the most one record claims: a long specialisation course, not a year's worth.
const maxExternalHours = 200

// ExternalTraining is training a worker did elsewhere (vzdělávání mimo katalog), with its certificate.
type ExternalTraining struct {
	bun.BaseModel `bun:"table:external_trainings,alias:x"`

	ID                  uuid.UUID      `bun:"id,pk" json:"id"`
	PersonID            uuid.UUID      `bun:"person_id" json:"person_id"`
	Title               string         `bun:"title" json:"title"`
	ProviderName        string         `bun:"provider_name" json:"provider_name"`
	Form                string         `bun:"form" json:"form"`
	Hours               int            `bun:"hours" json:"hours"`
	Date                database.Date  `bun:"date" json:"date"`
	EndDate             *database.Date `bun:"end_date" json:"end_date"`
	AccreditationNumber *string        `bun:"accreditation_number" json:"accreditation_number"`
	CertificateID       uuid.UUID      `bun:"certificate_id" json:"-"`
	State               string         `bun:"state" json:"state"`
	Reason              *string        `bun:"reason" json:"reason"`
	DecidedBy           *uuid.UUID     `bun:"decided_by" json:"decided_by"`
	DecidedAt           *time.Time     `bun:"decided_at" json:"decided_at"`
	Version             int            `bun:"version" json:"version"`
	CreatedAt           time.Time      `bun:"created_at" json:"created_at"`
	UpdatedAt           time.Time      `bun:"updated_at" json:"updated_at"`

	PersonName string `bun:"person_name,scanonly" json:"person_name"`

	// The certificate's description, read with the record; its bytes only by the download.
	CertificateName      string `bun:"certificate_name,scanonly" json:"certificate_name"`
	CertificateMediaType string `bun:"certificate_media_type,scanonly" json:"certificate_media_type"`
	CertificateSize      int    `bun:"certificate_size,scanonly" json:"certificate_size"`
}

func (x *ExternalTraining) ETag() int { return x.Version }

// ExternalInput is the form's fields, as text: they come as multipart/form-data beside the file.
type ExternalInput struct {
	Title               string `json:"title" validate:"required,max=300"`
	ProviderName        string `json:"provider_name" validate:"required,max=300"`
	Form                string `json:"form" validate:"required,oneof=course conference internship specialisation e_learning training_event induction induction_exam exam_zoz"`
	Hours               string `json:"hours"` // required for training; an exam or the induction may leave it empty
	Date                string `json:"date" validate:"required,datetime=2006-01-02"`
	EndDate             string `json:"end_date" validate:"omitempty,datetime=2006-01-02"`
	AccreditationNumber string `json:"accreditation_number" validate:"omitempty,max=40"`
}

// Upload is the certificate as it came: the client's file name and the bytes.
type Upload struct {
	Name string
	Data []byte
}

// RejectInput says why a lead rejects a record.
type RejectInput struct {
	Reason string `json:"reason" validate:"required,max=2000"`
}

// ExternalQuery filters the list of external trainings.
type ExternalQuery struct {
	PersonID string `query:"person_id" validate:"omitempty,uuid"`
	State    string `query:"state" validate:"omitempty,oneof=pending confirmed rejected"`
	// Led leaves out the caller's own records: the lead's queue to confirm.
	Led bool `query:"led"`
}

// ExternalDirectory is what external training needs to know about people: their teams and those teams' leads
// (who confirm and hear about a record), and whom a caller leads (for the list).
type ExternalDirectory interface {
	TeamsOf(ctx context.Context, personID uuid.UUID) ([]uuid.UUID, error)
	LeadsOf(ctx context.Context, teamIDs []uuid.UUID) ([]uuid.UUID, error)
	ReachOf(ctx context.Context, p *auth.Principal, personID, teamID string) (directory.Reach, error)
}

// ExternalService holds the rules of external training. It works on any bun.IDB.
type ExternalService struct {
	db        bun.IDB
	store     externalStore
	directory ExternalDirectory
}

// NewExternalService wires external training to the directory.
func NewExternalService(db bun.IDB, dir ExternalDirectory) *ExternalService {
	return &ExternalService{db: db, directory: dir}
}

var errExternalNotFound = httpx.NotFound("No external training has this identifier.")

// parse checks the form's fields beyond their shapes: hours in range, no day in the future, the end not before
// the start, an accreditation number of the MPSV shape. Every problem is named at once.
func (in ExternalInput) parse(x *ExternalTraining) error {
	if err := httpx.Check(in); err != nil {
		return err
	}
	var bad []httpx.FieldError
	fail := func(field, code, msg string) {
		bad = append(bad, httpx.FieldError{Field: field, Code: code, Message: msg})
	}
	// The one-off steps of an official (zák. 312/2002 Sb.) count as done, not by hours.
	oneOff := in.Form == "induction" || in.Form == "induction_exam" || in.Form == "exam_zoz"
	hours, err := 0, error(nil)
	if h := strings.TrimSpace(in.Hours); h != "" || !oneOff {
		hours, err = strconv.Atoi(h)
	}
	switch {
	case err != nil && strings.TrimSpace(in.Hours) == "":
		fail("hours", "required", "The hours are required.")
	case err != nil:
		fail("hours", "type", "Hours are a whole number.")
	case hours > maxExternalHours || hours < 1 && !oneOff || hours < 0:
		fail("hours", "range", fmt.Sprintf("Hours are between 1 and %d.", maxExternalHours))
	}
	x.Title, x.ProviderName, x.Form, x.Hours = strings.TrimSpace(in.Title), strings.TrimSpace(in.ProviderName), in.Form, hours
	x.Date, _ = database.ParseDate(in.Date) // the shape was validated
	if x.Date.After(today().Time) {
		fail("date", "future", "Record training once it has taken place.")
	}
	if in.EndDate != "" {
		end, _ := database.ParseDate(in.EndDate)
		x.EndDate = &end
		switch {
		case end.Before(x.Date.Time):
			fail("end_date", "order", "The training cannot end before it began.")
		case end.After(today().Time):
			fail("end_date", "future", "Record training once it has ended.")
		}
	}
	if n := strings.TrimSpace(in.AccreditationNumber); n != "" {
		x.AccreditationNumber = &n
		if !accreditationShape.MatchString(n) {
			fail("accreditation_number", "shape", "An MPSV accreditation number looks like 2010/743-SP or A2024/0123-SP/PC/PP.")
		}
	}
	if x.Title == "" {
		fail("title", "required", "The title is required.")
	}
	if x.ProviderName == "" {
		fail("provider_name", "required", "The provider is required.")
	}
	if len(bad) > 0 {
		return httpx.Invalid(bad...)
	}
	return nil
}

// Record keeps a worker's training done elsewhere, pending until a lead of one of their teams confirms it, and
// tells those leads. The certificate is checked by its content and stored in the same transaction.
func (s *ExternalService) Record(ctx context.Context, p *auth.Principal, in ExternalInput, file *Upload) (*ExternalTraining, error) {
	if !p.Has(auth.Worker) {
		return nil, httpx.Forbidden("Only workers record the training they did.")
	}
	now := database.Now()
	x := &ExternalTraining{ID: uuid.Must(uuid.NewV7()), PersonID: p.UserID, State: Pending, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := in.parse(x); err != nil {
		return nil, err
	}
	if file == nil {
		return nil, httpx.FieldInvalid("certificate", "required", "Attach the certificate (PDF, PNG or JPEG).")
	}
	if _, err := attachment.Check("certificate", file.Data); err != nil {
		return nil, err // before the reads below: a bad file costs no query
	}
	leads, err := s.leadsOf(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, err := attachment.Save(ctx, tx, p.UserID, "certificate", file.Name, file.Data)
		if err != nil {
			return err
		}
		x.CertificateID = a.ID
		if err := s.store.insert(ctx, tx, x); err != nil {
			return err
		}
		if x, err = s.store.external(ctx, tx, x.ID); err != nil {
			return err
		}
		for _, lead := range leads {
			if err := externalNotice(ctx, tx, p.UserID, notification.ExternalTrainingRecorded, lead, x); err != nil {
				return err
			}
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &x.PersonID, Action: "record", Entity: "external_training", EntityID: x.ID, After: x})
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// leadsOf lists the leads of a person's teams, the person aside (a lead who records their own training does not
// confirm it).
func (s *ExternalService) leadsOf(ctx context.Context, personID uuid.UUID) ([]uuid.UUID, error) {
	teams, err := s.directory.TeamsOf(ctx, personID)
	if err != nil {
		return nil, err
	}
	leads, err := s.directory.LeadsOf(ctx, teams)
	out := leads[:0]
	for _, l := range leads {
		if l != personID {
			out = append(out, l)
		}
	}
	return out, err
}

// externalNotice tells someone about a record: its title, hours and day, and the reason of a rejection.
func externalNotice(ctx context.Context, tx bun.Tx, actor uuid.UUID, kind string, recipient uuid.UUID, x *ExternalTraining) error {
	params := map[string]string{"title": x.Title, "hours": strconv.Itoa(x.Hours), "date": x.Date.String()}
	if x.Reason != nil {
		params["reason"] = *x.Reason
	}
	return notification.Notify(ctx, tx, notification.Notice{
		Kind: kind, RecipientID: recipient, ActorID: &actor, Entity: "external_training", EntityID: x.ID,
		Link: externalLink + x.ID.String(), Params: params,
	})
}

// whose reads a record and its person's teams, before any transaction; 404 to whoever may not see it (anyone
// but the person and the leads of their teams).
func (s *ExternalService) whose(ctx context.Context, p *auth.Principal, id uuid.UUID) (*ExternalTraining, []uuid.UUID, error) {
	x, err := s.store.external(ctx, s.db, id)
	if errors.Is(err, errNotFound) {
		return nil, nil, errExternalNotFound
	} else if err != nil {
		return nil, nil, err
	}
	teams, err := s.directory.TeamsOf(ctx, x.PersonID)
	if err != nil {
		return nil, nil, err
	}
	if x.PersonID != p.UserID && !leadsPerson(p, x.PersonID, teams) {
		return nil, nil, errExternalNotFound
	}
	return x, teams, nil
}

// External reads one record (the person and their leads).
func (s *ExternalService) External(ctx context.Context, p *auth.Principal, id uuid.UUID) (*ExternalTraining, error) {
	x, _, err := s.whose(ctx, p, id)
	return x, err
}

// Certificate reads a record's file for its download (the person and their leads).
func (s *ExternalService) Certificate(ctx context.Context, p *auth.Principal, id uuid.UUID) (*attachment.Attachment, error) {
	x, _, err := s.whose(ctx, p, id)
	if err != nil {
		return nil, err
	}
	return attachment.Load(ctx, s.db, x.CertificateID)
}

// Confirm counts a pending record (a lead of one of the person's teams).
func (s *ExternalService) Confirm(ctx context.Context, p *auth.Principal, id uuid.UUID, version int) (*ExternalTraining, error) {
	return s.decide(ctx, p, id, version, Confirmed, nil)
}

// Reject refuses a pending record, saying why (a lead of one of the person's teams).
func (s *ExternalService) Reject(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in RejectInput) (*ExternalTraining, error) {
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		return nil, httpx.FieldInvalid("reason", "required", "Say why the training is rejected.")
	}
	return s.decide(ctx, p, id, version, Rejected, &reason)
}

func (s *ExternalService) decide(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, state string, reason *string) (*ExternalTraining, error) {
	x, teams, err := s.whose(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if !leadsPerson(p, x.PersonID, teams) {
		return nil, httpx.Forbidden("Only a lead of the person's team confirms or rejects their training.")
	}
	kind := notification.ExternalTrainingConfirmed
	if state == Rejected {
		kind = notification.ExternalTrainingRejected
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := s.store.external(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return httpx.StaleVersion()
		}
		if before.State != Pending {
			return httpx.Conflict("This training has already been " + before.State + ".")
		}
		now := database.Now()
		x = new(ExternalTraining)
		*x = *before
		x.State, x.Reason, x.DecidedBy, x.DecidedAt, x.Version, x.UpdatedAt = state, reason, &p.UserID, &now, version+1, now
		if err := s.store.decide(ctx, tx, x, version); err != nil {
			return err
		}
		if err := externalNotice(ctx, tx, p.UserID, kind, x.PersonID, x); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &x.PersonID, Action: state, Entity: "external_training", EntityID: x.ID, Before: before, After: x})
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// Delete takes back a pending record and its certificate (the person only).
func (s *ExternalService) Delete(ctx context.Context, p *auth.Principal, id uuid.UUID) error {
	x, _, err := s.whose(ctx, p, id)
	if err != nil {
		return err
	}
	if x.PersonID != p.UserID {
		return httpx.Forbidden("Only the person who recorded the training deletes it.")
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := s.store.external(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.State != Pending {
			return httpx.Conflict("A training a lead has " + before.State + " stays on record.")
		}
		if err := s.store.delete(ctx, tx, before); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &before.PersonID, Action: "delete", Entity: "external_training", EntityID: id, Before: before})
	})
}

// Externals lists the caller's own records and those of the members of the teams they lead, in the order they
// were recorded.
func (s *ExternalService) Externals(ctx context.Context, p *auth.Principal, q ExternalQuery, pr httpx.PageRequest) (httpx.Page[ExternalTraining], error) {
	reach, err := s.directory.ReachOf(ctx, p, "", "")
	if err != nil {
		return httpx.Page[ExternalTraining]{}, err
	}
	if q.Led {
		reach = reach.Led()
	}
	f := externalFilter{Own: reach.Own, LedPeople: reach.LedPeople, State: q.State, Limit: pr.Limit}
	if q.PersonID != "" {
		id := uuid.MustParse(q.PersonID) // validated as a UUID by the query parser
		f.PersonID = &id
	}
	if pr.Cursor != nil {
		var after uuid.UUID
		if err := pr.DecodeCursor(&after); err != nil {
			return httpx.Page[ExternalTraining]{}, err
		}
		f.AfterID = &after
	}
	rows, err := s.store.list(ctx, s.db, f)
	if err != nil {
		return httpx.Page[ExternalTraining]{}, fmt.Errorf("external trainings: %w", err)
	}
	return httpx.NewPage(rows, pr.Limit, func(x ExternalTraining) any { return x.ID }), nil
}
