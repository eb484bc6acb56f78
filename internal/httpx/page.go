package httpx

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Page is the shape of every list: the items and the cursor of the next page (null on the last one).
type Page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// PageRequest is what a list endpoint reads from ?limit=&cursor=.
type PageRequest struct {
	Limit  int
	Cursor []byte // the decoded cursor, opaque to httpx
}

const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// ParsePage reads limit and cursor; a bad value is a 422 naming the parameter, like any other invalid field.
func ParsePage(c *fiber.Ctx) (PageRequest, error) {
	pr := PageRequest{Limit: DefaultLimit}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return pr, FieldInvalid("limit", "range", "Use a whole number from 1 to 200.")
		}
		pr.Limit = n
	}
	if s := c.Query("cursor"); s != "" {
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			return pr, FieldInvalid("cursor", "cursor", "This cursor is not one we gave out.")
		}
		pr.Cursor = b
	}
	return pr, nil
}

// DecodeCursor unpacks a cursor made by NewPage into v; a tampered one is a 422 on "cursor".
func (pr PageRequest) DecodeCursor(v any) error {
	if pr.Cursor == nil {
		return nil
	}
	if err := json.Unmarshal(pr.Cursor, v); err != nil {
		return FieldInvalid("cursor", "cursor", "This cursor is not one we gave out.")
	}
	return nil
}

// NewPage trims a result fetched with limit+1 rows to limit and, when there was more, makes the cursor
// from the last item kept.
func NewPage[T any](rows []T, limit int, cursorOf func(T) any) Page[T] {
	p := Page[T]{Items: rows}
	if p.Items == nil {
		p.Items = []T{}
	}
	if len(rows) > limit {
		p.Items = rows[:limit]
		b, _ := json.Marshal(cursorOf(rows[limit-1]))
		s := base64.RawURLEncoding.EncodeToString(b)
		p.NextCursor = &s
	}
	return p
}

// ParseQuery reads a handler's query parameters into q and validates them (422 naming each parameter).
func ParseQuery(c *fiber.Ctx, q any) error {
	if err := c.QueryParser(q); err != nil {
		return queryProblem(err)
	}
	return Check(q)
}

// queryProblem names the parameters whose values did not convert (led=maybe, limit=ten). Fiber's decoder
// reports them as a map from parameter to error, of a type internal to Fiber and hence read by reflection; each
// error carries the type it expected.
func queryProblem(err error) *Problem {
	m := reflect.ValueOf(errors.Unwrap(err))
	if m.Kind() != reflect.Map || m.Type().Key().Kind() != reflect.String || m.Len() == 0 {
		return BadRequest("The query parameters could not be read: " + err.Error())
	}
	errs := make([]FieldError, 0, m.Len())
	for _, key := range m.MapKeys() {
		msg := "This value has the wrong form."
		if e := reflect.Indirect(m.MapIndex(key).Elem()); e.Kind() == reflect.Struct {
			if f := e.FieldByName("Type"); f.IsValid() && !f.IsNil() {
				if t, ok := f.Interface().(reflect.Type); ok {
					for t.Kind() == reflect.Pointer {
						t = t.Elem()
					}
					msg = "Expected " + kindName(t) + "."
				}
			}
		}
		errs = append(errs, FieldError{Field: key.String(), Code: "type", Message: msg})
	}
	slices.SortFunc(errs, func(a, b FieldError) int { return strings.Compare(a.Field, b.Field) })
	return Invalid(errs...)
}
