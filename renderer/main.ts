/**
 * The page's entry. Over HTTP the page first finds out how it reaches Lectern (browser mode's session,
 * or a team server's account, signing in when nobody is): the app is built only then, so every part of
 * it can read the signed-in account's role as it draws its controls.
 */
import { connected } from './api';

void connected.then(() => import('./app.js'));
