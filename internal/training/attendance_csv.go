package training

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Limits of an attendance file: a room of people fits in far less; more is a wrong file, not a session.
const (
	attendanceCSVBytes = 1 << 20
	attendanceCSVRows  = 2000
)

// AttendanceImportQuery is the import's query: a dry run only previews; a reason makes it an amendment of a closed
// session.
type AttendanceImportQuery struct {
	DryRun bool   `query:"dry_run"`
	Reason string `query:"reason" validate:"max=2000"`
}

// ImportValues are a row's cells as the file has them.
type ImportValues struct {
	Name    string `json:"name"`
	Email   string `json:"email"`
	Status  string `json:"status"`
	Minutes string `json:"minutes"`
}

// ImportRow is one row of an attendance file: what it says, whom it matched, what it records and what is wrong
// with it (field names the column: name, email, status, minutes).
type ImportRow struct {
	Row            int                `json:"row"` // the line in the file; the header is line 1
	Values         ImportValues       `json:"values"`
	RegistrationID *uuid.UUID         `json:"registration_id"`
	PersonID       *uuid.UUID         `json:"person_id"`
	PersonName     *string            `json:"person_name"`
	Status         *string            `json:"status"`
	Minutes        *int               `json:"minutes"`
	Problems       []httpx.FieldError `json:"problems"`
}

// AttendanceImport is the preview of an attendance file, and after it was saved the attendance list.
type AttendanceImport struct {
	Rows       []ImportRow `json:"rows"`
	Valid      bool        `json:"valid"`
	Attendance *Attendance `json:"attendance"`
}

// fold makes a header or a status comparable: lower case, no Czech diacritics, no spaces, hyphens or underscores
// ("E-mail" = "email", "Přítomna" = "pritomna").
var fold = func() func(string) string {
	r := strings.NewReplacer("á", "a", "č", "c", "ď", "d", "é", "e", "ě", "e", "í", "i", "ň", "n", "ó", "o", "ř", "r",
		"š", "s", "ť", "t", "ú", "u", "ů", "u", "ý", "y", "ž", "z", " ", "", "-", "", "_", "")
	return func(s string) string { return r.Replace(strings.ToLower(strings.TrimSpace(s))) }
}()

// csvColumns are the header names the import knows, folded, in Czech and English.
var csvColumns = map[string]string{
	"jmeno": "name", "name": "name", "jmenoaprijmeni": "name", "celejmeno": "name", "fullname": "name",
	"ucastnik": "name", "ucastnice": "name", "participant": "name",
	"email": "email", "mail": "email", "emailovaadresa": "email",
	"stav": "status", "status": "status", "ucast": "status", "prezence": "status", "attendance": "status",
	"minuty": "minutes", "minut": "minutes", "minutes": "minutes", "pocetminut": "minutes",
}

// csvStatuses are the attendance states the import knows, folded, in English and Czech (both genders).
var csvStatuses = map[string]string{
	Present: Present, "pritomen": Present, "pritomna": Present, "pritomen/a": Present,
	Partial: Partial, "castecne": Partial, "castecna": Partial, "castecny": Partial,
	Absent: Absent, "nepritomen": Absent, "nepritomna": Absent, "nepritomen/a": Absent,
	Excused: Excused, "omluven": Excused, "omluvena": Excused, "omluven/a": Excused,
}

// fileProblem is a 422 about the file as a whole.
func fileProblem(code, format string, args ...any) error {
	return httpx.FieldInvalid("file", code, fmt.Sprintf(format, args...))
}

// readAttendanceCSV reads an attendance file: UTF-8 with or without a BOM, cells separated by commas or (as Czech
// Excel saves them) semicolons, a header row naming the columns. Blank rows are skipped.
func readAttendanceCSV(data []byte) ([]ImportRow, error) {
	if len(data) > attendanceCSVBytes {
		return nil, httpx.NewProblem(http.StatusRequestEntityTooLarge, fmt.Sprintf("An attendance file has at most %d bytes.", attendanceCSVBytes))
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return nil, fileProblem("encoding", "The file is not text in UTF-8; save it as CSV UTF-8.")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fileProblem("empty", "The file is empty.")
	}
	r := csv.NewReader(bytes.NewReader(data))
	header, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	head, err := r.Read()
	if err != nil {
		return nil, csvError(err)
	}
	cols := map[string]int{}
	for i, h := range head {
		col, ok := csvColumns[fold(h)]
		if !ok {
			continue // a column the import does not use (a note, a signature)
		}
		if _, twice := cols[col]; twice {
			return nil, fileProblem("columns", "The header names the %s column twice.", col)
		}
		cols[col] = i
	}
	_, hasName := cols["name"]
	_, hasEmail := cols["email"]
	if _, hasStatus := cols["status"]; !hasStatus || !(hasName || hasEmail) {
		return nil, fileProblem("columns", "The header row needs a column e-mail or jméno (name), and stav (status); minuty (minutes) for a partial attendance.")
	}
	cell := func(rec []string, col string) string {
		if i, ok := cols[col]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	rows := []ImportRow{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, csvError(err)
		}
		v := ImportValues{Name: cell(rec, "name"), Email: cell(rec, "email"), Status: cell(rec, "status"), Minutes: cell(rec, "minutes")}
		if v == (ImportValues{}) {
			continue
		}
		if len(rows) == attendanceCSVRows {
			return nil, fileProblem("max", "An attendance file has at most %d rows.", attendanceCSVRows)
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, ImportRow{Row: line, Values: v, Problems: []httpx.FieldError{}})
	}
	if len(rows) == 0 {
		return nil, fileProblem("empty", "The file has a header but no rows.")
	}
	return rows, nil
}

// csvError names the line of a file that is not CSV.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fileProblem("csv", "Line %d is not valid CSV: %v.", pe.Line, pe.Err)
	}
	if errors.Is(err, io.EOF) {
		return fileProblem("empty", "The file is empty.")
	}
	return err
}

// matchAttendance matches each row to a live registration of the session, by e-mail (any case) or else by the
// exact full name, and reads its status and minutes against the session's length; each row lists its problems.
func matchAttendance(rows []ImportRow, regs []Registration, length int) bool {
	byEmail := map[string]*Registration{}
	byName := map[string][]*Registration{}
	for i := range regs {
		r := &regs[i]
		byEmail[strings.ToLower(r.PersonEmail)] = r
		name := nameKey(r.PersonName)
		byName[name] = append(byName[name], r)
	}
	lineOf := map[uuid.UUID]int{}
	valid := true
	for i := range rows {
		row := &rows[i]
		problem := func(field, code, format string, args ...any) {
			row.Problems = append(row.Problems, httpx.FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
		}
		var reg *Registration
		col := "email"
		switch v := row.Values; {
		case v.Email != "":
			if reg = byEmail[strings.ToLower(v.Email)]; reg == nil {
				problem(col, "unknown_person", "Nobody registered for the session has the e-mail %q.", v.Email)
			}
		case v.Name != "":
			col = "name"
			switch found := byName[nameKey(v.Name)]; len(found) {
			case 0:
				problem(col, "unknown_person", "Nobody registered for the session is called %q.", v.Name)
			case 1:
				reg = found[0]
			default:
				problem(col, "ambiguous", "%d people registered for the session are called %q; give the e-mail.", len(found), v.Name)
			}
		default:
			problem(col, "required", "The row names nobody: give the e-mail or the name.")
		}
		if reg != nil {
			row.RegistrationID, row.PersonID, row.PersonName = &reg.ID, &reg.PersonID, &reg.PersonName
			if reg.Status != Confirmed {
				problem(col, "not_registered", "%s has no confirmed seat at the session (the registration is %s).", reg.PersonName, reg.Status)
			} else if first, twice := lineOf[reg.ID]; twice {
				problem(col, "duplicate", "%s is already on line %d.", reg.PersonName, first)
			} else {
				lineOf[reg.ID] = row.Row
			}
		}
		status, known := csvStatuses[fold(row.Values.Status)]
		switch {
		case row.Values.Status == "":
			problem("status", "required", "The status is missing: present, partial, absent or excused (přítomen, částečně, nepřítomen, omluven).")
		case !known:
			problem("status", "unknown_status", "Unknown status %q: present, partial, absent or excused (přítomen, částečně, nepřítomen, omluven).", row.Values.Status)
		default:
			row.Status = &status
		}
		if row.Values.Minutes != "" {
			n, err := strconv.Atoi(row.Values.Minutes)
			if err != nil {
				problem("minutes", "type", "The minutes %q are not a whole number.", row.Values.Minutes)
			} else {
				row.Minutes = &n
			}
		}
		if known && (row.Minutes != nil || row.Values.Minutes == "") {
			if code, msg := badMinutes(status, row.Minutes, length); code != "" {
				problem("minutes", code, "%s", msg)
			}
		}
		valid = valid && len(row.Problems) == 0
	}
	return valid
}

// nameKey is a full name as the import compares it: any case, single spaces, diacritics as written.
func nameKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// rowsProblem is the 422 of an import whose rows are not all right, naming each wrong cell as rows[i].column.
func rowsProblem(rows []ImportRow) error {
	var errs []httpx.FieldError
	for i, row := range rows {
		for _, p := range row.Problems {
			errs = append(errs, httpx.FieldError{Field: fmt.Sprintf("rows[%d].%s", i, p.Field), Code: p.Code,
				Message: fmt.Sprintf("Line %d: %s", row.Row, p.Message)})
		}
	}
	p := httpx.Invalid(errs...)
	p.Detail = "Some rows of the file are wrong; nothing was saved."
	return p
}

// ImportAttendance reads an attendance file of a session (its provider): the preview of every row with what is
// wrong, and unless it is a dry run and when no row is wrong, the attendance it records, saved as
// RecordAttendance saves a batch (a closed session takes it as an amendment with the reason).
func (s *Service) ImportAttendance(ctx context.Context, p *auth.Principal, id uuid.UUID, data []byte, q AttendanceImportQuery) (*AttendanceImport, error) {
	se, err := s.providersSession(ctx, s.db, p, id)
	if err != nil {
		return nil, err
	}
	if q.Reason != "" && se.ClosedAt == nil {
		return nil, httpx.FieldInvalid("reason", "open", "The session is not closed yet; import the file without a reason.")
	}
	rows, err := readAttendanceCSV(data)
	if err != nil {
		return nil, err
	}
	regs, err := s.store.live(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	out := &AttendanceImport{Rows: rows, Valid: matchAttendance(rows, regs, se.minutes())}
	if q.DryRun {
		return out, nil
	}
	if !out.Valid {
		return nil, rowsProblem(rows)
	}
	in := AttendanceInput{Entries: make([]AttendanceEntryInput, len(rows))}
	for i, row := range rows {
		in.Entries[i] = AttendanceEntryInput{RegistrationID: row.RegistrationID.String(), Status: *row.Status, Minutes: row.Minutes}
	}
	if q.Reason != "" {
		in.Amendment = &Amendment{Reason: q.Reason}
	}
	if out.Attendance, err = s.RecordAttendance(ctx, p, id, in); err != nil {
		return nil, err
	}
	return out, nil
}
