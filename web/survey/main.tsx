import { render } from 'preact'
import './survey.css'
import { SurveyApp } from './app.tsx'

render(<SurveyApp path={location.pathname} />, document.getElementById('app')!)
