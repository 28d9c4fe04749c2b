//! Staff passwords: Argon2id (the `argon2` crate's defaults, OWASP's minimum), a fresh salt each,
//! checked in the PHC string format the hash is kept in.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Fewest characters a staff password may have.
pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 256;

pub fn hash(password: &str) -> Result<String, String> {
    let n = password.chars().count();
    if !(MIN_CHARS..=MAX_CHARS).contains(&n) {
        return Err(format!("the password must be {MIN_CHARS} to {MAX_CHARS} characters long"));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash no password matches, checked for a name that has no account, so that a wrong name
/// takes as long as a wrong password and timing tells no one which names exist.
pub fn unknown_account_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash(&random_hex(32)).expect("a long enough password"))
}

/// `bytes` random bytes from the operating system, as hex: session tokens and form tokens.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_salted_argon2id_and_check_only_their_password() {
        let a = hash("correct horse battery").unwrap();
        let b = hash("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$") && a != b, "a fresh salt each time");
        assert!(verify("correct horse battery", &a));
        assert!(!verify("correct horse battery!", &a));
        assert!(!verify("anything", "not a hash"));
        assert!(hash("short").is_err());
        assert_eq!(random_hex(32).len(), 64);
    }
}
