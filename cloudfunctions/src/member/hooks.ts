/** Imported for its effect: a content-security verdict on a new avatar shows it (pass) or drops it. */
import { onMediaVerdict } from '../security'
import { refreshAvatar } from './profile'

onMediaVerdict('users', (db, openid, at) => refreshAvatar(db, openid, at))
