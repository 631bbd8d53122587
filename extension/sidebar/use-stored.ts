/** A Preact hook over one key of extension storage, kept current through storage.onChanged. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

export function useStored<T>(key: string, fallback: T): T {
  const [value, setValue] = useState<T>(fallback);
  useEffect(() => {
    let live = true;
    void browser.storage.local.get(key).then((got) => live && got[key] !== undefined && setValue(got[key] as T));
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && key in changes) setValue((changes[key]!.newValue as T | undefined) ?? fallback);
    };
    browser.storage.onChanged.addListener(onChange);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChange);
    };
  }, [key]);
  return value;
}

/** Every key starting with `prefix`, as a list (records are stored one key each). */
export function useStoredPrefix<T>(prefix: string): T[] {
  const [values, setValues] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      browser.storage.local.get(null).then((all) => {
        if (live) setValues(Object.entries(all).filter(([k]) => k.startsWith(prefix)).map(([, v]) => v as T));
      });
    void load();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && Object.keys(changes).some((k) => k.startsWith(prefix))) void load();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChange);
    };
  }, [prefix]);
  return values;
}
