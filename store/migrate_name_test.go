package store

import (
	"regexp"
	"strconv"
	"testing"
)

// migrationName is the file name rule migrationVersion spells out as a loop.
var migrationName = regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)

func FuzzMigrationVersion(f *testing.F) {
	for _, s := range []string{"0001_a.sql", "0012_add_users.sql", "0001_.sql", "001_a.sql", "00001_a.sql",
		"0001-a.sql", "0001_A.sql", "0001_a.sq", "0001_a.sql.bak", "init.sql", "", ".sql", "0001_a b.sql", "x001_a.sql"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		v, ok := migrationVersion(name)
		m := migrationName.FindStringSubmatch(name)
		if ok != (m != nil) {
			t.Fatalf("migrationVersion(%q) ok = %v, the rule says %v", name, ok, m != nil)
		}
		if ok {
			if want, _ := strconv.ParseInt(m[1], 10, 64); v != want {
				t.Fatalf("migrationVersion(%q) = %d, want %d", name, v, want)
			}
		}
	})
}
