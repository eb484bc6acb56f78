package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v2"
)

// Validate is the one validator every domain registers its tags on (e.g. directory's "ico").
var Validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	// Report fields by their JSON names, so a client can put each message next to its input; list filters have
	// only query names, and a client must see those ("region_code"), not the Go field ("RegionCode").
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		tag, ok := f.Tag.Lookup("json")
		if !ok {
			tag = f.Tag.Get("query")
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			return ""
		}
		return name
	})
	return v
}

// Bind reads a JSON body into dst and validates it. A wrong content type is 415, broken JSON 400, and a
// well-formed body with wrong or missing fields 422 listing each field.
func Bind(c *fiber.Ctx, dst any) error {
	if !strings.HasPrefix(strings.ToLower(c.Get(fiber.HeaderContentType)), fiber.MIMEApplicationJSON) {
		return NewProblem(fiber.StatusUnsupportedMediaType, "Send the body as application/json.")
	}
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeProblem(err)
	}
	if dec.More() {
		return BadRequest("The body must hold exactly one JSON value.")
	}
	return Check(dst)
}

// Check validates a struct with the shared validator and turns failures into a 422 naming each field.
func Check(v any) error {
	err := Validate.Struct(v)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return err
	}
	out := make([]FieldError, 0, len(verrs))
	for _, fe := range verrs {
		out = append(out, FieldError{Field: fieldPath(fe.Namespace()), Code: code(fe), Message: message(fe)})
	}
	return Invalid(out...)
}

// fieldPath drops the struct name validator puts first: "createUser.roles[0].role" → "roles[0].role".
// Validator names an embedded struct by its Go type ("ratings[0].Choice.level"), but JSON flattens it, and
// every JSON name of the API is lower case: segments that start upper case are dropped.
func fieldPath(ns string) string {
	parts := strings.Split(ns, ".")
	if len(parts) > 1 {
		parts = parts[1:]
	}
	kept := parts[:0]
	for _, p := range parts {
		if p != "" && !unicode.IsUpper(rune(p[0])) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ".")
}

// clearable is the tag prefix of patch fields where "" clears the value ("len=0|uuid").
const clearable = "len=0|"

// check names the check that failed and its parameter. For a clearable field validator reports the whole
// "len=0|oneof=a b"; clients should see "oneof" with "a b", as for any other field.
func check(fe validator.FieldError) (code, param string) {
	code, param, _ = strings.Cut(strings.TrimPrefix(fe.Tag(), clearable), "=")
	if fe.Param() != "" {
		param = fe.Param()
	}
	return code, param
}

func code(fe validator.FieldError) string {
	c, _ := check(fe)
	return c
}

func message(fe validator.FieldError) string {
	c, param := check(fe)
	switch c {
	case "required", "required_with", "required_if":
		return "This field is required."
	case "email":
		return "Enter a valid e-mail address."
	case "oneof":
		return "Choose one of: " + strings.ReplaceAll(param, " ", ", ") + "."
	case "datetime":
		return "Expected a date as YYYY-MM-DD."
	case "max":
		return fmt.Sprintf("At most %s.", param)
	case "min":
		return fmt.Sprintf("At least %s.", param)
	case "uuid", "uuid4":
		return "Expected an identifier (UUID)."
	}
	if m, ok := messages[c]; ok {
		return m
	}
	return fmt.Sprintf("Failed the %q check.", c)
}

var messages = map[string]string{}

// RegisterValidation adds a domain check (tag) with the message shown when it fails.
func RegisterValidation(tag, msg string, fn validator.Func) {
	if err := Validate.RegisterValidation(tag, fn); err != nil {
		panic(err)
	}
	messages[tag] = msg
}

func decodeProblem(err error) *Problem {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return BadRequest("The request body is empty; send a JSON object.")
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return BadRequest("The request body is not valid JSON.")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return BadRequest("The request body must be a JSON object.")
		}
		return FieldInvalid(field, "type", fmt.Sprintf("Expected %s.", kindName(typeErr.Type)))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return FieldInvalid(field, "unknown", "This field is not known here.")
	}
	// Errors from a field's own UnmarshalJSON (a date, say) carry no field name; say what was wrong.
	return BadRequest("The request body could not be read: " + err.Error())
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a text"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64, reflect.Float32:
		return "a number"
	}
	return t.String()
}
