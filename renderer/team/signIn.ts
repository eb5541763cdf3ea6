/**
 * The team server's sign-in screen: a name and a password, labelled and filled in by password
 * managers (autocomplete username / current-password), submitted with Enter; the server's refusal is
 * shown as it says it. Nothing else of the page is usable until someone is signed in.
 */
import { unwrap } from '../../app/common/envelope';
import { TEAM_SIGNIN_PATH, type TeamMe } from '../../app/common/teamSession';
import { errorMessage, request } from '../http';
import { h } from '../ui/dom';

async function signIn(name: string, password: string): Promise<TeamMe> {
  const { reply } = await request(TEAM_SIGNIN_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password }),
    credentials: 'same-origin',
  });
  return unwrap<TeamMe>(reply);
}

/**
 * Shows the screen over the page (everything else hidden) until a sign-in succeeds; resolves with the
 * account. `notice` says why it is shown again; `name` fills in the last account's name.
 */
export function signInScreen(opts: { notice?: string; name?: string }): Promise<TeamMe> {
  return new Promise((resolve) => {
    const field = (label: string, input: HTMLInputElement) => h('label', { class: 'sign-in-field' }, h('span', null, label), input);
    const name = h('input', {
      testid: 'sign-in-name',
      attrs: { type: 'text', name: 'username', autocomplete: 'username', required: true, maxlength: 60, spellcheck: 'false', autocapitalize: 'none' },
    });
    name.value = opts.name ?? '';
    const password = h('input', {
      testid: 'sign-in-password',
      attrs: { type: 'password', name: 'password', autocomplete: 'current-password', required: true },
    });
    const error = h('p', { class: 'banner error', testid: 'sign-in-error', attrs: { role: 'alert', hidden: true } });
    const submit = h('button', { class: 'button primary', testid: 'sign-in-submit', attrs: { type: 'submit' } }, 'Sign in');
    const form = h(
      'form',
      { class: 'sign-in-form', attrs: { 'aria-labelledby': 'sign-in-title' } },
      h('h1', { attrs: { id: 'sign-in-title' } }, 'Sign in to Lectern'),
      h('p', { class: 'muted' }, 'This Lectern is shared by a team: sign in with the name and password your team’s owner gave you.'),
      opts.notice ? h('p', { class: 'banner', testid: 'sign-in-notice' }, opts.notice) : null,
      field('Name', name),
      field('Password', password),
      error,
      h('div', { class: 'sign-in-actions' }, submit),
    );
    const screen = h('main', { class: 'sign-in', testid: 'sign-in' }, form);
    // The app's shortcuts (installed on the document) stay behind the screen.
    screen.addEventListener('keydown', (e) => e.stopPropagation());
    const hidden = [...document.body.children].filter((el): el is HTMLElement => el instanceof HTMLElement && !el.hidden);
    for (const el of hidden) el.hidden = true;
    document.body.append(screen);

    form.addEventListener('submit', (e) => {
      // The page signs in itself (the policy's form-action 'none' forbids the form to navigate anywhere).
      e.preventDefault();
      if (submit.disabled) return;
      submit.disabled = true;
      error.hidden = true;
      signIn(name.value.trim(), password.value).then(
        (me) => {
          screen.remove();
          for (const el of hidden) el.hidden = false;
          resolve(me);
        },
        (err: unknown) => {
          submit.disabled = false;
          error.textContent = errorMessage(err);
          error.hidden = false;
          password.value = '';
          password.focus();
        },
      );
    });
    (name.value ? password : name).focus();
  });
}
