-- The release fingerprint key gets generations: a key the token vault can no longer decrypt (its master key was
-- replaced, or the database outlived the suite that made it) is left as it is and a new generation is made, instead
-- of every deployment failing. Fingerprints of generation 1 keep their form; later ones name their generation.
ALTER TABLE release_fingerprint_key DROP CONSTRAINT IF EXISTS release_fingerprint_key_id_check;
ALTER TABLE release_fingerprint_key ADD CONSTRAINT release_fingerprint_key_generation_check CHECK (id >= 1);
COMMENT ON COLUMN release_fingerprint_key.id IS 'the key''s generation: the newest the token vault decrypts is used';
