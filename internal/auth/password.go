package auth

import (
	"sync"

	"github.com/alexedwards/argon2id"
)

// passwordParams follow OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane): strong enough, and a
// burst of sign-ins does not eat the server's memory.
var passwordParams = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// HashPassword returns an argon2id PHC string.
func HashPassword(password string) (string, error) {
	return argon2id.CreateHash(password, passwordParams)
}

// dummyHash is compared against when the account does not exist, so a wrong e-mail costs as long as a
// wrong password and sign-in does not reveal who has an account.
// It is made on first use, not at start, where it would cost every command a tenth of a second.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("no account has this password")
	return h
})

// CheckPassword compares a password with a stored hash; an empty hash (no password set yet) never matches.
func CheckPassword(password, hash string) bool {
	if hash == "" {
		_, _, _ = argon2id.CheckHash(password, dummyHash())
		return false
	}
	ok, _, err := argon2id.CheckHash(password, hash)
	return err == nil && ok
}
