"use client";

import { useState, type FormEvent } from "react";
import styles from "./api-keys.module.css";

export function CreateApiKeyForm({
  isCreating,
  errorMessage,
  onCreate,
}: {
  isCreating: boolean;
  errorMessage: string | null;
  onCreate: (name: string, reset: () => void) => void;
}) {
  const [name, setName] = useState("");

  function submitForm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onCreate(name, () => setName(""));
  }

  return (
    <form className={styles.form} onSubmit={submitForm} aria-label="Create an API key">
      <div>
        <label className="label" htmlFor="api-key-name">
          Key name
        </label>
        <input
          id="api-key-name"
          className={`input ${styles.nameInput}`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. production agent"
          maxLength={100}
          required
        />
      </div>
      <button
        type="submit"
        className="button button-primary"
        disabled={isCreating || name.trim().length === 0}
      >
        {isCreating ? "Creating…" : "Create key"}
      </button>
      {errorMessage ? (
        <p role="alert" className={styles.formError}>
          {errorMessage}
        </p>
      ) : null}
    </form>
  );
}
