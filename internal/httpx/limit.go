package httpx

import "github.com/gofiber/fiber/v2"

// LimitBody refuses a request body over limit, except on the routes of larger ("POST /path" → bytes). The
// server's own limit must be the largest of them; this keeps every other route at the normal limit.
func LimitBody(limit int, larger map[string]int) fiber.Handler {
	return func(c *fiber.Ctx) error {
		n := len(c.Request().Body())
		if n <= limit {
			return c.Next()
		}
		if max, ok := larger[c.Method()+" "+c.Path()]; ok && n <= max {
			return c.Next()
		}
		return fiber.ErrRequestEntityTooLarge
	}
}
