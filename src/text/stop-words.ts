/**
 * Words that carry no meaning for matching a question to an entry. Besides the
 * usual English function words, this holds the conversational filler people
 * type into a chat box ("tell me about", "what's the deal with"), hedges and
 * politeness ("literally", "honestly", "sorry", "I was wondering"), and talk
 * about the talk ("mentioned", "according to", "in this context"), because a
 * filler word that stays in the query would count as an unmatched word and
 * make the bot decline a fair question.
 */
export const stopWords: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both
  but by can could did do does doing done down during each few for from further had has have having he her here hers
  herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
  only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves
  then there these they this those through to too under until up very was we were what when where which while who whom
  whose why will with would you your yours yourself yourselves s t d ll m re ve
  tell explain describe say says said know knows need want wanted like please thanks thank hi hello hey anyone someone
  anything something thing things stuff info deal mean means meant meaning whats what's wot u ur im i'm id i'd ive i've
  dont don't doesnt doesn't isnt isn't wasnt wasn't get got getting give gave let lets let's much many way actually really
  quick question questions ok okay yes yeah gonna wanna kind sort bit lot lots anybody somebody
  explain explained explaining pls plz plain english simple simply basically summary summarise summarize overview
  brief briefly short still keep keeps even reckon reckons think thinks thought ask asks asked asking see saw seen
  come comes came go goes going went gone become becomes became etc per vs versus via quote quoted happen happens
  happened happening whether involved far us theyre werent havent arent wont cant shouldnt wouldnt couldnt didnt
  hasnt hadnt im youre were whats whos hows wheres whens whys heres theres thats ones guys folks also else
  exactly currently anyway cheers everyone everybody
  literally honestly seriously genuinely supposedly apparently probably possibly perhaps maybe kinda sorta totally
  truly definitely certainly obviously clearly sorry kindly wondering wonder wonders wondered curious mention mentions
  mentioned mentioning according context regarding talking saying anywhere everywhere somewhere guy confused briefing
  yet trying lol haha hmm um anyhow kinds sorts
  teh hte adn nad waht whta wat abt abotu bc cuz coz tbh ngl imo idk rn lmao omg btw fyi pls plz thx ty ya tho thru`
    .split(/\s+/)
    .filter(Boolean),
);
