package httpx

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
)

// SetVersion sends a record's version as its ETag, so the client can send it back in If-Match.
func SetVersion(c *fiber.Ctx, version int) {
	c.Set(fiber.HeaderETag, `"`+strconv.Itoa(version)+`"`)
}

// IfMatch reads the version a client based its change on, from If-Match ("3" or W/"3"). Without it the change
// is refused with 428, because a blind overwrite could silently lose a colleague's edit.
func IfMatch(c *fiber.Ctx) (int, error) {
	h := strings.TrimSpace(c.Get(fiber.HeaderIfMatch))
	if h == "" {
		return 0, NewProblem(fiber.StatusPreconditionRequired, `Send the If-Match header with the version you edited (the ETag of the record, e.g. "3").`)
	}
	h = strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	v, err := strconv.Atoi(h)
	if err != nil || v < 1 {
		return 0, BadRequest(`If-Match must be the record's ETag, e.g. "3".`)
	}
	return v, nil
}

// StaleVersion is the 409 a client gets when somebody else changed the record first.
func StaleVersion() *Problem {
	return Conflict("Somebody changed this record in the meantime. Reload it and make your change again.")
}

// UUIDParam reads a path parameter that must be a UUID; anything else is a 404, as no such record exists.
func UUIDParam(c *fiber.Ctx, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Params(name))
	if err != nil {
		return uuid.Nil, NotFound("No record has this identifier.")
	}
	return id, nil
}
